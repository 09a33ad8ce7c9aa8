package dev.torrpedo.storage.internal;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.CheckProgress;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * Hashes a list of pieces from disk in parallel, on the verifier pool: each thread claims
 * runs of consecutive pieces (sequential reads) and hashes them; a piece with no data on
 * disk is skipped without reading. Reports progress about a hundred times (the caller
 * reports the end), and calls {@code done} once, on a verifier thread, when every thread has finished.
 */
final class Checker {
    /** Pieces a thread claims at once. */
    private static final int RUN = 4;
    private static final int READ_CHUNK = 1 << 20;

    private final Torrent torrent;
    private final Backend backend;
    private final int[] pieces;
    private final WorkerPool pool;
    private final CheckProgress progress;
    private final Executor executor;
    private final Runnable done;
    private final int total;
    private final int alreadyChecked;
    private final AtomicBits verified;
    /** Which pieces may have data, each file looked at once for the whole check. */
    private final IntPredicate present;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger checked = new AtomicInteger();
    private final AtomicInteger hashed = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicReference<StorageException> error = new AtomicReference<>();
    private volatile boolean finished;

    /**
     * @param pieces         the pieces to hash
     * @param alreadyChecked pieces accepted without hashing, counted in the progress
     * @param total          every piece the check covers, for the progress
     */
    Checker(Torrent torrent, Backend backend, int[] pieces, int alreadyChecked, int total, WorkerPool pool,
            CheckProgress progress, Executor executor, Runnable done) {
        this.torrent = torrent;
        this.backend = backend;
        this.pieces = pieces;
        this.alreadyChecked = alreadyChecked;
        this.total = total;
        this.pool = pool;
        this.progress = progress;
        this.executor = executor;
        this.done = done;
        this.verified = new AtomicBits(torrent.pieceCount());
        this.present = backend.dataPresence();
    }

    /** Starts the threads. */
    void start() {
        int threads = Math.max(1, Math.min(pool.size(), (pieces.length + RUN - 1) / RUN));
        running.set(threads);
        for (int i = 0; i < threads; i++) {
            try {
                pool.execute(this::work);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                error.compareAndSet(null, new StorageException(StorageError.CLOSED, "the verifier pool is closed"));
                finishOne();
            }
        }
    }

    private void work() {
        ByteBuffer buf = ByteBuffer.allocate(Math.min(torrent.pieceLength(), READ_CHUNK));
        try {
            int start;
            while (error.get() == null && (start = next.getAndAdd(RUN)) < pieces.length) {
                for (int k = start; k < Math.min(pieces.length, start + RUN) && error.get() == null; k++) {
                    checkPiece(pieces[k], buf);
                    int c = alreadyChecked + checked.incrementAndGet();
                    if (c < total && c % Math.max(1, total / 100) == 0) {
                        Callbacks.post(executor, () -> progress.progress(c, total));
                    }
                }
            }
        } catch (StorageException e) {
            error.compareAndSet(null, e);
        } catch (RuntimeException e) {
            error.compareAndSet(null, new StorageException(StorageError.IO, -1, null, "checking failed: " + e, e));
        } finally {
            finishOne();
        }
    }

    private void finishOne() {
        if (running.decrementAndGet() == 0) {
            finished = true;
            done.run();
        }
    }

    private void checkPiece(int piece, ByteBuffer buf) throws StorageException {
        if (!present.test(piece)) {
            return;
        }
        PieceHasher h;
        try {
            h = new PieceHasher(torrent, piece);
        } catch (StorageException noHash) {
            return; // not verifiable yet: not verified
        }
        hashed.incrementAndGet();
        h.feedFrom(backend, buf, Backend.ReadMode.CHECK);
        if (h.matches()) {
            verified.set(piece);
        }
    }

    /** @return whether every thread has finished */
    boolean isFinished() {
        return finished;
    }

    /** @return the first error, or {@code null} */
    StorageException error() {
        return error.get();
    }

    /** @return the pieces found good */
    BitSet verified() {
        return verified.toBitSet();
    }

    /** @return pieces actually hashed (those with data on disk) */
    int hashed() {
        return hashed.get();
    }
}
