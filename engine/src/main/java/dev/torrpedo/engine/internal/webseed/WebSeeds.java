package dev.torrpedo.engine.internal.webseed;

import dev.torrpedo.engine.WebSeedStatus;
import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A torrent's web seeds: the torrent's {@code url-list} and those the user adds, each run by
 * a {@link WebSeed} while the torrent downloads. A piece that fails its hash check is held
 * against the seeds that sent blocks of it: one that sent all of it is dropped at once, one
 * that sent part of it gets a strike, and {@link #STRIKES_TO_DROP} strikes drop it.
 *
 * <p>Threading: the torrent's control loop, except {@link #statuses()}, a snapshot for any thread.
 */
public final class WebSeeds {
    static final int STRIKES_TO_DROP = 3;
    /** The most web seeds a torrent uses (a .torrent may list many). */
    public static final int MAX_SEEDS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(WebSeeds.class);

    private final TorrentImpl torrent;
    private final WebSeedHttp http;
    private final List<WebSeed> seeds = new ArrayList<>();
    private final List<Integer> strikes = new ArrayList<>();
    private volatile List<WebSeedStatus> statuses = List.of();

    /** @param urls the torrent's web seeds; unusable ones are left out (logged) */
    public WebSeeds(TorrentImpl torrent, WebSeedHttp http, List<String> urls) {
        this.torrent = torrent;
        this.http = http;
        for (String url : urls) {
            try {
                add(url);
            } catch (IllegalArgumentException e) {
                LOG.debug("{}: web seed {} left out: {}", torrent.id(), url, e.getMessage());
            }
        }
    }

    WebSeedHttp http() {
        return http;
    }

    /**
     * Adds a seed (a duplicate URL is ignored).
     *
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
     */
    public void add(String url) {
        URI base = WebSeedUrls.parse(url);
        for (WebSeed s : seeds) {
            if (s.url().equals(url)) {
                return;
            }
        }
        if (seeds.size() >= MAX_SEEDS) {
            LOG.debug("{}: more than {} web seeds; {} left out", torrent.id(), MAX_SEEDS, url);
            return;
        }
        seeds.add(new WebSeed(this, torrent, url, base));
        strikes.add(0);
        snapshot();
    }

    /** Once a second while the torrent downloads (and when a run ends): every seed with work starts it. */
    public void tick(long now) {
        for (WebSeed s : seeds) {
            s.tick(now);
        }
        snapshot();
    }

    /** The torrent stopped: connections closed, blocks given back. */
    public void stop() {
        for (WebSeed s : seeds) {
            s.stop();
        }
        snapshot();
    }

    /**
     * A piece failed its hash check.
     *
     * @param senders the picker's senders of its blocks ({@code blockSenders})
     */
    public void blame(int[] senders) {
        for (int i = 0; i < seeds.size(); i++) {
            WebSeed s = seeds.get(i);
            int id = s.pickerId();
            if (id < 0) {
                continue;
            }
            int sent = 0;
            int others = 0;
            for (int sender : senders) {
                if (sender == id) {
                    sent++;
                } else if (sender >= 0) {
                    others++;
                }
            }
            if (sent == 0) {
                continue;
            }
            int n = others == 0 ? STRIKES_TO_DROP : strikes.get(i) + 1;
            strikes.set(i, n);
            if (n >= STRIKES_TO_DROP) {
                s.drop("sent data that failed a hash check");
            }
        }
        snapshot();
    }

    /** @return each seed's state, as of the last change */
    public List<WebSeedStatus> statuses() {
        return statuses;
    }

    boolean allowLocal() {
        return torrent.session().current().allowLocalTrackers();
    }

    boolean filtered(InetAddress address) {
        return torrent.session().isFiltered(address);
    }

    void snapshot() {
        List<WebSeedStatus> out = new ArrayList<>(seeds.size());
        for (WebSeed s : seeds) {
            out.add(s.status());
        }
        statuses = List.copyOf(out);
    }
}
