package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.DiskIoPool;
import dev.torrpedo.storage.StorageSettings;

/** Stub. */
public final class DiskThreads implements DiskIoPool {
    /** Stub. */
    public DiskThreads(StorageSettings settings) {
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public long highWaterMark() {
        return 0;
    }

    @Override
    public void setHighWaterMark(long bytes) {
    }

    @Override
    public void close() {
    }
}
