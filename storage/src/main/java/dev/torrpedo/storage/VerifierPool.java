package dev.torrpedo.storage;

import dev.torrpedo.storage.internal.HashThreads;

/**
 * The threads that hash pieces (SHA-1 for v1, SHA-256 merkle trees for v2) for every
 * torrent of a session, and read files during a full recheck. Create one per session;
 * close it after every {@link Storage} on it.
 *
 * <p>Thread-safe.
 */
public interface VerifierPool extends AutoCloseable {

    /** Starts one thread per available processor. */
    static VerifierPool create() {
        return create(Runtime.getRuntime().availableProcessors());
    }

    /** Starts {@code threads} threads (1..256). */
    static VerifierPool create(int threads) {
        return new HashThreads(threads);
    }

    /** @return the number of threads */
    int threads();

    /**
     * Finishes the hashing already queued and stops the threads; returns when they have
     * ended. Idempotent. Blocks: never call it on an event loop.
     */
    @Override
    void close();
}
