package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.dht.PeerLookup;
import dev.torrpedo.engine.internal.lsd.LocalDiscovery;
import dev.torrpedo.engine.internal.session.SessionDht;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.metainfo.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a torrent finds peers besides its trackers: the session's DHT node (a lookup that
 * announces us, every {@link #DHT_INTERVAL_NANOS}, sooner while it finds nobody and the
 * torrent wants peers) and local service discovery (an announce every
 * {@link #LSD_INTERVAL_NANOS}). Neither is used for a private torrent (BEP 27); a magnet
 * link's torrent counts as public until its metadata says otherwise. Peers found are dialled
 * as a tracker's are.
 *
 * <p>Not thread-safe: the torrent's control loop owns it; lookups answer there.
 */
final class PeerSources {
    /** How often a torrent announces itself in the DHT (libtorrent: 15 minutes). */
    static final long DHT_INTERVAL_NANOS = 15 * 60_000_000_000L;
    /** The first retry of a lookup that found nobody; doubled up to {@link #DHT_INTERVAL_NANOS}. */
    static final long DHT_RETRY_NANOS = 10_000_000_000L;
    /** How often a torrent is announced on the local network (BEP 14: 5 minutes). */
    static final long LSD_INTERVAL_NANOS = 5 * 60_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(PeerSources.class);

    private final TorrentImpl torrent;
    private final SessionImpl session;
    private boolean running;
    private boolean lookingUp;
    private long nextDht;
    private long dhtRetry = DHT_RETRY_NANOS;
    private long nextLsd;
    private int generation;

    PeerSources(TorrentImpl torrent, SessionImpl session) {
        this.torrent = torrent;
        this.session = session;
    }

    /** The torrent went online: look for peers at once. */
    void start(long now) {
        if (running) {
            return;
        }
        running = true;
        generation++;
        nextDht = now;
        nextLsd = now;
        dhtRetry = DHT_RETRY_NANOS;
        tick(now);
    }

    /** The torrent stopped: lookups in flight are ignored when they answer. */
    void stop() {
        running = false;
        lookingUp = false;
        generation++;
    }

    /** Every second while the torrent is online. */
    void tick(long now) {
        if (!running || torrent.isPrivate()) {
            return;
        }
        SessionDht dht = session.dht();
        if (dht != null && dht.isReady() && !lookingUp && now - nextDht >= 0) {
            lookUp(dht);
        }
        LocalDiscovery lsd = session.lsd();
        InfoHash h = torrent.infoHash();
        if (lsd != null && h.hasV1() && now - nextLsd >= 0) {
            nextLsd = now + LSD_INTERVAL_NANOS;
            lsd.announce(torrent.id()); // the v1 hash in hex, as LSD announces it
        }
    }

    private void lookUp(SessionDht dht) {
        lookingUp = true;
        int gen = generation;
        boolean seed = torrent.isSeeding();
        dht.announce(torrent.infoHash(), session.listenPort(), seed).whenCompleteAsync((found, e) -> {
            if (gen != generation) {
                return;
            }
            lookingUp = false;
            long now = session.clock().nanos();
            if (e != null) {
                LOG.debug("{}: DHT lookup failed: {}", torrent.id(), e.toString());
                nextDht = now + dhtRetry;
                dhtRetry = Math.min(DHT_INTERVAL_NANOS, dhtRetry * 2);
                return;
            }
            answered(found, now);
        }, torrent.loop());
    }

    private void answered(PeerLookup found, long now) {
        LOG.debug("{}: DHT lookup found {} peers, announced to {} nodes", torrent.id(), found.peers().size(),
                found.announcedTo());
        boolean wantsPeers = !torrent.isSeeding() && torrent.peerCount() == 0;
        if (found.peers().isEmpty() && wantsPeers) {
            nextDht = now + dhtRetry;
            dhtRetry = Math.min(DHT_INTERVAL_NANOS, dhtRetry * 2);
        } else {
            nextDht = now + DHT_INTERVAL_NANOS;
            dhtRetry = DHT_RETRY_NANOS;
        }
        torrent.swarm().found(found.peers());
    }
}
