package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.StorageParams;

/** Stub. */
public final class MemoryBackend implements Backend {
    /** Stub. */
    public MemoryBackend(StorageParams params, DiskThreads disk) {
    }
}
