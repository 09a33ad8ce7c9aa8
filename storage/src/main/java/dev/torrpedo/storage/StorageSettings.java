package dev.torrpedo.storage;

/**
 * Settings of a {@link DiskIoPool}. Immutable; build with {@link #builder()}.
 *
 * @param highWaterMark   bytes held by the disk queue (blocks waiting to be written or
 *                        hashed) above which {@link Storage#write} returns {@code true}; peers
 *                        stop reading until it falls below half of it
 * @param diskThreads     threads doing file I/O, shared by every torrent
 * @param openFileLimit   open file handles kept across all torrents (least recently used closed first)
 * @param blockCacheBytes bytes of 16 KiB blocks cached for uploads, across all torrents (0 disables it)
 */
public record StorageSettings(long highWaterMark, int diskThreads, int openFileLimit, long blockCacheBytes) {
    /** Default high-water mark: 100 MiB (libtorrent's {@code max_queued_disk_bytes} order of magnitude). */
    public static final long DEFAULT_HIGH_WATER_MARK = 100L << 20;

    /** Checks every setting. */
    public StorageSettings {
        if (highWaterMark < Storage.BLOCK_SIZE) {
            throw new IllegalArgumentException("highWaterMark: " + highWaterMark + " (expected: >= " + Storage.BLOCK_SIZE + ")");
        }
        if (diskThreads < 1 || diskThreads > 64) {
            throw new IllegalArgumentException("diskThreads: " + diskThreads + " (expected: 1..64)");
        }
        if (openFileLimit < 1) {
            throw new IllegalArgumentException("openFileLimit: " + openFileLimit + " (expected: >= 1)");
        }
        if (blockCacheBytes < 0) {
            throw new IllegalArgumentException("blockCacheBytes: " + blockCacheBytes + " (expected: >= 0)");
        }
    }

    /** @return the defaults: 100 MiB high-water mark, 2 disk threads, 512 open files, 32 MiB block cache */
    public static StorageSettings defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these settings */
    public Builder toBuilder() {
        return new Builder().highWaterMark(highWaterMark).diskThreads(diskThreads).openFileLimit(openFileLimit)
                .blockCacheBytes(blockCacheBytes);
    }

    /** Builds {@link StorageSettings}; each setting is checked by {@link #build()}. */
    public static final class Builder {
        private long highWaterMark = DEFAULT_HIGH_WATER_MARK;
        private int diskThreads = 2;
        private int openFileLimit = 512;
        private long blockCacheBytes = 32L << 20;

        private Builder() {
        }

        /** @param bytes see {@link StorageSettings#highWaterMark()} */
        public Builder highWaterMark(long bytes) {
            this.highWaterMark = bytes;
            return this;
        }

        /** @param n see {@link StorageSettings#diskThreads()} */
        public Builder diskThreads(int n) {
            this.diskThreads = n;
            return this;
        }

        /** @param n see {@link StorageSettings#openFileLimit()} */
        public Builder openFileLimit(int n) {
            this.openFileLimit = n;
            return this;
        }

        /** @param bytes see {@link StorageSettings#blockCacheBytes()} */
        public Builder blockCacheBytes(long bytes) {
            this.blockCacheBytes = bytes;
            return this;
        }

        /** @return the settings, checked */
        public StorageSettings build() {
            return new StorageSettings(highWaterMark, diskThreads, openFileLimit, blockCacheBytes);
        }
    }
}
