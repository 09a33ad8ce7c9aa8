package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.engine.internal.v2.HashTrees;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.CheckProgress;
import dev.torrpedo.storage.CheckResult;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.wire.PeerMessage;
import java.util.concurrent.CompletableFuture;

/**
 * A torrent's v2 piece layers (BEP 52): the hash trees that answer peers' hash requests and,
 * for a torrent added without its layers, their fetch from peers ({@link LayerFetcher}) and
 * what their arrival changes. A v2-only torrent cannot verify a piece without them, so it
 * requests nothing until they are in (the download gate); then it gets a storage that can
 * verify and hashes what is on disk already. A hybrid torrent verified with SHA-1 all along.
 *
 * <p>Threading: the fetcher belongs to the control loop, and peers' messages are posted to
 * it; the hash trees and the gate are volatile, read by peers' loops.
 */
final class PieceLayers {
    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final PeerRegistry peers;
    private volatile HashTrees trees;
    /** True while a v2-only torrent waits for piece layers: nothing can be verified, so nothing is requested. */
    private volatile boolean gate;
    /** Non-null while piece layers are fetched from peers (control loop). */
    private LayerFetcher fetcher;

    PieceLayers(TorrentImpl torrent, SessionImpl session, PeerRegistry peers) {
        this.torrent = torrent;
        this.session = session;
        this.peers = peers;
    }

    /** The metadata is known: its trees answer peers, and missing layers are fetched from them. */
    void use(Torrent t) {
        trees = new HashTrees(t, session.workExecutor());
        if (t.version().hasV2() && !t.hasPieceLayers()) {
            fetcher = new LayerFetcher(torrent, session, peers, t);
            gate = !t.version().hasV1();
        }
    }

    /** @return what answers peers' hash requests, or null before the metadata */
    HashTrees trees() {
        return trees;
    }

    /** @return whether blocks may be requested: false while a v2-only torrent lacks its piece layers */
    boolean canDownload() {
        return !gate;
    }

    // ------------------------------------------------------------------ control loop

    /** A peer registered: it may be asked for layers. */
    void peerJoined(long now) {
        if (fetcher != null) {
            fetcher.assign(now);
        }
    }

    /** A peer left: its requests go to others. */
    void peerGone(long connectionId) {
        if (fetcher != null) {
            fetcher.peerGone(connectionId);
        }
    }

    /** Once a second while the torrent is active. */
    void tick(long now) {
        if (fetcher != null) {
            fetcher.tick(now);
        }
    }

    // ------------------------------------------------------------------ from peers (any thread)

    /** A peer sent BEP 52 hashes. */
    void hashesFrom(PeerConnection pc, PeerMessage.Hashes h) {
        torrent.loop().execute(() -> {
            if (fetcher != null) {
                fetcher.hashes(pc, h);
            }
        });
    }

    /** A peer refused a BEP 52 hash request. */
    void rejectedBy(PeerConnection pc, PeerMessage.HashReject r) {
        torrent.loop().execute(() -> {
            if (fetcher != null) {
                fetcher.rejected(pc, r);
            }
        });
    }

    // ------------------------------------------------------------------ from the fetcher (control loop)

    /**
     * Every piece layer is in: the torrent now has them; a v2-only torrent gets a storage
     * that can verify (the old one never wrote a byte: nothing was requested), which hashes
     * whatever data is already on disk before blocks are requested.
     */
    void arrived(Torrent complete) {
        fetcher = null;
        if (torrent.lifecycle().removed()) {
            return;
        }
        torrent.layersComplete(complete);
        trees = new HashTrees(complete, session.workExecutor());
        if (!gate) {
            return; // a hybrid torrent verified with SHA-1 all along; the layers are for serving
        }
        Storage old = torrent.storage();
        Storage fresh = torrent.openStorage(complete);
        old.closeAsync(torrent.loop()).handle((v, e) -> {
            if (torrent.lifecycle().removed()) {
                // removed while the old storage closed: the removal met that one closing, not this
                CompletableFuture<Void> gone = torrent.lifecycle().removedWithData()
                        ? fresh.delete(torrent.loop()) : fresh.closeAsync(torrent.loop());
                return gone.<CheckResult>thenApply(closed -> null);
            }
            torrent.storageReplaced(fresh);
            return fresh.recheck(CheckProgress.NONE, torrent.loop());
        }).thenCompose(f -> f).whenComplete((r, e) -> {
            if (e == null && r == null) {
                return; // removed meanwhile
            }
            if (e != null) {
                torrent.lifecycle().fail("checking the files failed: " + e.getMessage());
                return;
            }
            torrent.pieceCompletion().found(r.verified());
            gate = false;
            torrent.touch();
            torrent.lifecycle().completeIfDone();
            for (PeerConnection pc : peers.all()) {
                pc.commands().refill();
            }
        });
    }

    /** The fetched layers could not complete the torrent. */
    void failed(String message) {
        fetcher = null;
        torrent.lifecycle().fail(message);
    }
}
