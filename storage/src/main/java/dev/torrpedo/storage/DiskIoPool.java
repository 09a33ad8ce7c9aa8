package dev.torrpedo.storage;

import dev.torrpedo.storage.internal.DiskThreads;

/**
 * The disk threads a session shares between its torrents, with the disk queue's
 * high-water accounting, the cache of open files and the block cache for uploads. Create
 * one per session; close it after every {@link Storage} on it.
 *
 * <p>Thread-safe.
 */
public interface DiskIoPool extends AutoCloseable {

    /** Starts {@link StorageSettings#diskThreads()} threads. */
    static DiskIoPool create(StorageSettings settings) {
        return new DiskThreads(settings);
    }

    /** @return bytes held by the disk queue now: blocks handed to {@link Storage#write} and not yet released */
    long queuedBytes();

    /** @return the current high-water mark */
    long highWaterMark();

    /** Changes the high-water mark (a session applying new settings). */
    void setHighWaterMark(long bytes);

    /**
     * Runs every job already queued, closes every cached file handle, and stops the threads;
     * returns when they have ended. Jobs submitted afterwards fail with
     * {@link StorageError#CLOSED}. Idempotent. Blocks: never call it on an event loop.
     */
    @Override
    void close();
}
