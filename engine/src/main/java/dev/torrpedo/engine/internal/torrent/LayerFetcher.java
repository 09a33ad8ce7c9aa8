package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.engine.internal.v2.LayerFetch;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.wire.PeerMessage;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link LayerFetch} for a torrent that lacks piece layers: asks its v2 peers (when
 * they register, answer, and every tick), checks each answer off the loops, drops a peer
 * whose answer proves nothing, and once every layer is in, builds the complete torrent (also
 * off the loops: the layers are checked once more) and hands it to the torrent.
 *
 * <p>Not thread-safe: the torrent's control loop owns it.
 */
final class LayerFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(LayerFetcher.class);

    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final PeerRegistry peers;
    private final LayerFetch fetch;
    private boolean finishing;

    LayerFetcher(TorrentImpl torrent, SessionImpl session, PeerRegistry peers, Torrent layerless) {
        this.torrent = torrent;
        this.session = session;
        this.peers = peers;
        this.fetch = new LayerFetch(layerless);
    }

    /** Once a second: requests past their deadline go to other peers. */
    void tick(long now) {
        fetch.expire(now);
        assign(now);
    }

    /** Asks every v2 peer for what it may be asked for now. */
    void assign(long now) {
        if (finishing) {
            return;
        }
        if (fetch.complete()) {
            finish();
            return;
        }
        for (PeerConnection pc : peers.all()) {
            if (pc.isV2()) {
                for (LayerFetch.Request r : fetch.assign(pc.id(), now)) {
                    pc.commands().requestHashes(r.message());
                }
            }
        }
    }

    /** A peer answered. */
    void hashes(PeerConnection pc, PeerMessage.Hashes h) {
        LayerFetch.Request r = fetch.pending(pc.id(), h);
        if (r == null) {
            return; // nobody asked, or it came too late
        }
        Runnable check = () -> {
            byte[] proved = LayerFetch.verify(r, h);
            torrent.loop().execute(() -> {
                long now = session.clock().nanos();
                if (fetch.answered(pc.id(), r, proved, now) && proved == null) {
                    LOG.debug("{}: {} sent hashes that do not prove file {}'s root", torrent.id(), pc, r.file());
                    pc.commands().close("hashes that do not prove their pieces root");
                }
                assign(now);
            });
        };
        try {
            session.workExecutor().execute(check);
        } catch (RejectedExecutionException closing) {
            // the session is closing
        }
    }

    /** A peer refused a request. */
    void rejected(PeerConnection pc, PeerMessage.HashReject r) {
        long now = session.clock().nanos();
        fetch.rejected(pc.id(), r, now);
        assign(now);
    }

    /** A peer left. */
    void peerGone(long connectionId) {
        fetch.peerGone(connectionId);
    }

    private void finish() {
        finishing = true;
        Torrent layerless = torrent.torrent();
        try {
            session.workExecutor().execute(() -> {
                Torrent complete;
                try {
                    complete = layerless.withPieceLayers(fetch.layers());
                } catch (RuntimeException e) {
                    LOG.warn("{}: the fetched piece layers do not make a torrent", torrent.id(), e);
                    torrent.loop().execute(() -> torrent.layers().failed("piece layers: " + e.getMessage()));
                    return;
                }
                LOG.info("{}: every piece layer fetched from peers ({})", torrent.id(), fetch.progress());
                torrent.loop().execute(() -> torrent.layers().arrived(complete));
            });
        } catch (RejectedExecutionException closing) {
            // the session is closing
        }
    }
}
