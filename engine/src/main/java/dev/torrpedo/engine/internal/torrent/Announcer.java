package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.TrackerState;
import dev.torrpedo.engine.TrackerStatus;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.AnnounceRequest;
import dev.torrpedo.tracker.AnnounceRound;
import dev.torrpedo.tracker.TorrentTrackers;
import dev.torrpedo.tracker.TrackerException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import dev.torrpedo.engine.internal.session.SessionImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A torrent's announces: {@code started} when it starts, regular ones when
 * {@link TorrentTrackers#nextAnnounce()} is due by the session clock, {@code completed} when
 * it completes, {@code stopped} when it stops. The tracker module keeps the tiers and the
 * timing; this class decides which event to send and when, from the torrent's tick.
 *
 * <p>The torrent's control loop drives it and announce results come back there;
 * {@link #statuses()} may be called from any thread.
 */
final class Announcer {
    private static final int NUM_WANT = 50;
    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

    private final TorrentImpl torrent;
    private final TorrentTrackers trackers;
    private volatile boolean running;
    private volatile boolean inFlight;
    private boolean forced;

    Announcer(TorrentImpl torrent, TorrentTrackers trackers) {
        this.torrent = torrent;
        this.trackers = trackers;
    }

    /** @return the announcer of a torrent with these tiers of tracker URLs (malformed ones are skipped) */
    static Announcer create(TorrentImpl torrent, List<List<String>> urls, RandomGenerator random) {
        List<List<URI>> tiers = new ArrayList<>();
        for (List<String> tier : urls) {
            List<URI> t = new ArrayList<>();
            for (String url : tier) {
                try {
                    t.add(URI.create(url));
                } catch (IllegalArgumentException e) {
                    LOG.debug("{}: ignoring tracker URL {}", torrent.id(), url);
                }
            }
            tiers.add(t);
        }
        SessionImpl session = torrent.session();
        return new Announcer(torrent, TorrentTrackers.create(tiers, session.trackerClient(), session.trackerSettings(),
                session.clock().clock(), random));
    }

    private boolean hasTrackers() {
        return !trackers.tiers().isEmpty();
    }

    /** The torrent started (or resumed): announce {@code started}. */
    void start() {
        if (running) {
            return; // a magnet link's torrent announced when it started fetching its metadata
        }
        running = true;
        announce(AnnounceEvent.STARTED);
    }

    /** Called every second while running. */
    void tick() {
        if (!running || inFlight || !hasTrackers()) {
            return;
        }
        Instant now = torrent.session().clock().now();
        if (trackers.isAnnounceDue() || (forced && !now.isBefore(trackers.earliestAnnounce()))) {
            forced = false;
            announce(AnnounceEvent.NONE);
        }
    }

    /** Announce as soon as the trackers' {@code min interval} allows. */
    void force() {
        forced = true;
    }

    /** Every wanted piece is verified. */
    void completed() {
        if (running) {
            announce(AnnounceEvent.COMPLETED);
        }
    }

    /**
     * The torrent stops (paused, removed, session closing): announce {@code stopped}.
     *
     * @return completes when the round is over (it never fails)
     */
    CompletableFuture<Void> stop() {
        if (!running) {
            return CompletableFuture.completedFuture(null);
        }
        running = false;
        forced = false;
        return announce(AnnounceEvent.STOPPED).thenApply(r -> null);
    }

    private CompletableFuture<AnnounceRound> announce(AnnounceEvent event) {
        if (!hasTrackers()) {
            return CompletableFuture.completedFuture(null);
        }
        AnnounceRequest request = AnnounceRequest.builder(torrent.infoHash(), torrent.session().peerId(),
                        torrent.session().listenPort())
                .uploaded(torrent.uploadedBytes()).downloaded(torrent.downloadedBytes()).left(torrent.leftBytes())
                .event(event).numWant(event == AnnounceEvent.STOPPED ? 0 : NUM_WANT).key(torrent.session().trackerKey())
                .build();
        inFlight = true;
        CompletableFuture<AnnounceRound> round = trackers.announce(request);
        round.whenCompleteAsync((r, e) -> {
            inFlight = false;
            if (r != null) {
                answered(r, event);
            }
        }, torrent.loop());
        return round;
    }

    private void answered(AnnounceRound round, AnnounceEvent event) {
        for (TrackerException e : round.failures()) {
            torrent.trackerFailed(e.tracker() == null ? "?" : e.tracker().toString(), e.getMessage());
        }
        if (event != AnnounceEvent.STOPPED) {
            torrent.swarm().found(round.peers());
        }
        torrent.touch();
    }

    /** @return the public view of every tracker */
    List<TrackerStatus> statuses() {
        List<TrackerStatus> out = new ArrayList<>();
        List<List<URI>> tiers = trackers.tiers();
        Instant next = running ? trackers.nextAnnounce() : null;
        if (next != null && next.equals(Instant.MAX)) {
            next = null;
        }
        for (dev.torrpedo.tracker.TrackerStatus s : trackers.trackers()) {
            boolean first = s.tier() < tiers.size() && !tiers.get(s.tier()).isEmpty()
                    && tiers.get(s.tier()).get(0).equals(s.url());
            TrackerState state;
            if (inFlight && first) {
                state = TrackerState.UPDATING;
            } else if (s.lastError().isPresent()) {
                state = TrackerState.ERROR;
            } else if (s.lastAnswer().isPresent()) {
                state = TrackerState.WORKING;
            } else {
                state = TrackerState.NOT_CONTACTED;
            }
            String message = s.lastError().map(Throwable::getMessage).orElse(s.warning().orElse(null));
            out.add(new TrackerStatus(s.url().toString(), s.tier(), state, message, s.seeders().orElse(-1),
                    s.leechers().orElse(-1), s.lastAnswer().orElse(null), next));
        }
        return out;
    }
}
