package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.VerifierPool;

/** The verifier pool: threads that hash pieces, shared by every torrent of a session. */
public final class HashThreads implements VerifierPool {
    private final WorkerPool pool;

    /** Starts {@code threads} threads named {@code torrpedo-hash-N}. */
    public HashThreads(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("verifier threads: " + threads + " (expected: 1..256)");
        }
        this.pool = new WorkerPool("torrpedo-hash", threads);
    }

    WorkerPool pool() {
        return pool;
    }

    @Override
    public int threads() {
        return pool.size();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "VerifierPool[" + pool.size() + " threads]";
    }
}
