package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.WebSeedStatus;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.engine.internal.webseed.WebSeedUrls;
import dev.torrpedo.engine.internal.webseed.WebSeeds;
import dev.torrpedo.metainfo.Torrent;
import java.util.ArrayList;
import java.util.List;

/**
 * A torrent's web seeds (BEP 19) from its side: the URLs added before a magnet link's
 * metadata arrived wait for it; once it is known, a {@link WebSeeds} downloads from the
 * torrent's URLs and those.
 *
 * <p>Threading: changes run on the torrent's control loop ({@link #add} posts); the
 * {@link WebSeeds} reference is volatile, read for statuses from any thread.
 */
final class HttpSeeds {
    private final TorrentImpl torrent;
    private final SessionImpl session;
    /** Null until the metadata is known. */
    private volatile WebSeeds seeds;
    /** Web seeds added before a magnet link's metadata arrived (control loop). */
    private final List<String> pending = new ArrayList<>();

    HttpSeeds(TorrentImpl torrent, SessionImpl session) {
        this.torrent = torrent;
        this.session = session;
    }

    /** The metadata is known: its URLs and those added meanwhile. */
    void use(Torrent t) {
        WebSeeds w = new WebSeeds(torrent, session.webSeedHttp(), t.webSeeds());
        pending.forEach(w::add);
        pending.clear();
        seeds = w;
    }

    /** @return one status per web seed (none before the metadata) */
    List<WebSeedStatus> statuses() {
        WebSeeds w = seeds;
        return w == null ? List.of() : w.statuses();
    }

    /** Adds a web seed (the URL is checked here); a downloading torrent uses it at once. Posts. */
    void add(String url) {
        WebSeedUrls.parse(url);
        torrent.loop().execute(() -> {
            if (seeds == null) {
                pending.add(url); // used once the metadata arrives
                return;
            }
            seeds.add(url);
            if (torrent.lifecycle().state() == TorrentState.DOWNLOADING) {
                seeds.tick(session.clock().nanos());
            }
        });
    }

    /** Once a second while downloading (after the metadata). */
    void tick(long now) {
        seeds.tick(now);
    }

    /** The torrent stopped: downloads from web seeds end. */
    void stop() {
        WebSeeds w = seeds;
        if (w != null) {
            w.stop();
        }
    }

    /** A piece failed its hash check: the web seeds that sent its blocks answer for it (control loop). */
    void blame(int[] senders) {
        seeds.blame(senders);
    }
}
