package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.StorageParams;

/** Stub. */
public final class FileBackend implements Backend {
    /** Stub. */
    public FileBackend(StorageParams params, DiskThreads disk) {
    }
}
