package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.Event;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The torrent's way to completion: a piece whose blocks are all written is hashed, and what
 * its verdict changes (the picker, the peers told, the event, smart ban for a failure); the
 * bytes of wanted pieces we have; and the future that completes when every wanted piece is
 * verified. Pieces found by a check, or lost from disk, change the same counts.
 *
 * <p>Threading: hashing answers on the control loop, where everything that changes the
 * counts or the future runs; the counts, the completion time and the future are volatile,
 * read from any thread (status, {@link TorrentHandle#completion()}).
 */
final class PieceCompletion {
    private static final Logger LOG = LoggerFactory.getLogger(PieceCompletion.class);

    /**
     * The future that completes when every wanted piece is verified, and the one users get
     * (made once per round, so asking for it often adds nothing).
     */
    private record Completion(CompletableFuture<TorrentHandle> internal, CompletableFuture<TorrentHandle> user) {
        static Completion of(SessionImpl session) {
            CompletableFuture<TorrentHandle> f = new CompletableFuture<>();
            return new Completion(f, session.forUser(f));
        }

        boolean isDone() {
            return internal.isDone();
        }
    }

    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final PeerRegistry peers;
    private final HashFailures hashFailures;
    private volatile long wantedSize;
    private volatile long completedWanted;
    private volatile Instant completedAt;
    private volatile Completion completion;

    PieceCompletion(TorrentImpl torrent, SessionImpl session, PeerRegistry peers, HashFailures hashFailures) {
        this.torrent = torrent;
        this.session = session;
        this.peers = peers;
        this.hashFailures = hashFailures;
        this.completion = Completion.of(session);
    }

    // ------------------------------------------------------------------ pieces

    /** Every block of {@code piece} is written: hash it (any thread). */
    void verify(int piece) {
        torrent.storage().verify(piece, torrent.loop(), this::verified);
    }

    private void verified(int piece, boolean passed, StorageException failure) {
        PiecePicker p = torrent.picker();
        if (failure != null) {
            if (failure.error() != StorageError.CLOSED) {
                LOG.warn("{}: hashing piece {} failed", torrent.id(), piece, failure);
                p.pieceFailed(piece);
                torrent.storageFailed(failure);
            }
            return;
        }
        if (passed) {
            if (!p.pieceVerified(piece)) {
                return;
            }
            gained(p, piece);
            long rev = torrent.touch();
            session.events().publish(new Event.PieceVerified(torrent.id(), rev, piece));
            torrent.lifecycle().completeIfDone();
        } else {
            hashFailures.failed(p, piece);
        }
    }

    /** We have {@code piece} now: count it, tell the peers. */
    private void gained(PiecePicker p, int piece) {
        if (p.piecePriority(piece) > 0) {
            completedWanted += torrent.geometry().pieceLength(piece);
        }
        for (PeerConnection pc : peers.all()) {
            pc.commands().pieceVerified(piece);
        }
    }

    /** A check found these pieces verified on disk: those the picker lacked are ours now. Control loop. */
    void found(BitSet verified) {
        PiecePicker p = torrent.picker();
        for (int i = verified.nextSetBit(0); i >= 0; i = verified.nextSetBit(i + 1)) {
            if (!p.has(i)) {
                p.weHave(i);
                gained(p, i);
            }
        }
    }

    /**
     * A read found a file missing or cut short: pieces the picker has that the storage no
     * longer counts as verified are lost. Peers that speak lt_donthave hear so (BEP 54), the
     * pieces are downloaded again, and a seeding torrent goes back to downloading. Control loop.
     */
    void lostFromDisk() {
        TorrentLifecycle lifecycle = torrent.lifecycle();
        if (lifecycle.removed() || !lifecycle.checked()) {
            return;
        }
        BitSet verified = torrent.storage().verifiedPieces();
        PiecePicker p = torrent.picker();
        PieceGeometry g = torrent.geometry();
        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < g.pieceCount(); i++) {
            if (p.has(i) && !verified.get(i) && p.weLost(i)) {
                lost.add(i);
                if (p.piecePriority(i) > 0) {
                    completedWanted -= g.pieceLength(i);
                }
            }
        }
        if (lost.isEmpty()) {
            return;
        }
        LOG.warn("{}: {} pieces lost from disk; downloading them again", torrent.id(), lost.size());
        for (PeerConnection pc : peers.all()) {
            pc.commands().piecesLost(lost);
        }
        if (lifecycle.state() == TorrentState.SEEDING) {
            completedAt = null;
            lifecycle.wantedAgain();
        }
        torrent.touch();
    }

    // ------------------------------------------------------------------ counts

    /** The data was checked (or priorities changed): the counts start from these. Control loop. */
    void recount(long completed, long wanted) {
        completedWanted = completed;
        wantedSize = wanted;
    }

    /** The metadata is known: this many bytes are wanted (nothing counted yet). */
    void setWanted(long wanted) {
        wantedSize = wanted;
    }

    /** @return bytes of the wanted pieces */
    long wanted() {
        return wantedSize;
    }

    /** @return bytes of the wanted pieces we have (read apart from {@link #wanted()}: may pass it for a moment) */
    long completed() {
        return completedWanted;
    }

    /** @return bytes of wanted pieces still missing */
    long left() {
        return Math.max(0, wantedSize - completedWanted);
    }

    /** @return when every wanted piece was first verified (in this round), or null */
    Instant completedAt() {
        return completedAt;
    }

    // ------------------------------------------------------------------ the future

    /** @return the future users get */
    CompletableFuture<TorrentHandle> userFuture() {
        return completion.user();
    }

    /** @return whether this round's future is complete */
    boolean isDone() {
        return completion.isDone();
    }

    /**
     * Every wanted piece is verified now: the completion time.
     *
     * @param keepEarlier whether an earlier completion time stays (data found complete on start)
     */
    void stamp(boolean keepEarlier) {
        if (!keepEarlier || completedAt == null) {
            completedAt = session.clock().now();
        }
    }

    /** Every wanted piece is verified: completes this round's future. */
    void complete() {
        completion.internal().complete(torrent);
    }

    /** Pieces are wanted again: a new round's future once this one is done. Control loop. */
    void reopen() {
        if (completion.isDone()) {
            completion = Completion.of(session);
        }
    }

    /** Pieces went missing after completion: no completion time until it completes again. */
    void forgetCompletedAt() {
        completedAt = null;
    }

    /** The torrent stopped on an error: a pending future fails, and the next round gets a new one. */
    void failed(String message) {
        Completion c = completion;
        if (!c.isDone()) {
            c.internal().completeExceptionally(new IllegalStateException(torrent.id() + ": " + message));
            completion = Completion.of(session);
        }
    }

    /** The torrent is gone (removed, or the session closed): the future fails with {@code reason}. */
    void abandoned(String reason) {
        completion.internal().completeExceptionally(new IllegalStateException(reason));
    }
}
