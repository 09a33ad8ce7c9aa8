package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.DiskIoPool;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.storage.VerifierPool;
import java.util.function.BiFunction;

/** Stub. */
public final class TorrentStorage {
    private TorrentStorage() {
    }

    /** Stub. */
    public static Storage open(StorageParams params, BiFunction<StorageParams, DiskThreads, Backend> backend,
            DiskIoPool disk, VerifierPool verifier) {
        throw new UnsupportedOperationException("not yet");
    }
}
