package dev.torrpedo.storage;

import dev.torrpedo.storage.internal.TorrentStorage;
import java.util.Objects;

/**
 * Opens the {@link Storage} of one torrent. The SPI's entry point: a session holds one
 * factory (by default {@link #files}) and calls it for every torrent it adds; tests and
 * benchmarks pass {@link #memory} instead, and an embedder may pass its own.
 */
@FunctionalInterface
public interface StorageFactory {

    /**
     * Creates the storage without touching the disk (safe on an event loop); call
     * {@link Storage#checkFiles} next.
     */
    Storage open(StorageParams params);

    /** Files under {@link StorageParams#savePath()}, on these shared pools. */
    static StorageFactory files(DiskIoPool disk, VerifierPool verifier) {
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(verifier, "verifier");
        return params -> TorrentStorage.files(params, disk, verifier);
    }

    /**
     * Bytes in memory (one array per piece, allocated when first written), on these pools:
     * the same queues, back-pressure, incremental hashing and resume data as {@link #files},
     * without a disk. {@link StorageParams#savePath()} is ignored; resume data, if a file is
     * given, is still written there.
     */
    static StorageFactory memory(DiskIoPool disk, VerifierPool verifier) {
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(verifier, "verifier");
        return params -> TorrentStorage.memory(params, disk, verifier);
    }
}
