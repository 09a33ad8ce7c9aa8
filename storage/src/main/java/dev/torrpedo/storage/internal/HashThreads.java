package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.VerifierPool;

/** Stub. */
public final class HashThreads implements VerifierPool {
    private final int threads;

    /** Stub. */
    public HashThreads(int threads) {
        this.threads = threads;
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
    }
}
