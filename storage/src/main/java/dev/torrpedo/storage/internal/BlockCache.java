package dev.torrpedo.storage.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Verified 16 KiB blocks kept for uploading, for every torrent, bounded in bytes
 * (Caffeine, W-TinyLFU). A cached array is never changed, so a hit is handed out as a
 * read-only view without copying. Lookups are lock-free and safe on an event loop.
 */
final class BlockCache {
    /** A block of a storage's piece. */
    record Key(long storage, int piece, int block) {
    }

    private final Cache<Key, byte[]> cache;

    /** @param bytes the budget; 0 caches nothing */
    BlockCache(long bytes) {
        this.cache = bytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(bytes)
                .weigher((Key k, byte[] v) -> v.length)
                .executor(Runnable::run)
                .build();
    }

    byte[] get(long storage, int piece, int block) {
        return cache == null ? null : cache.getIfPresent(new Key(storage, piece, block));
    }

    void put(long storage, int piece, int block, byte[] data) {
        if (cache != null) {
            cache.put(new Key(storage, piece, block), data);
        }
    }

    /** Drops a piece's blocks (it is no longer verified). */
    void invalidate(long storage, int piece) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> k.storage() == storage && k.piece() == piece);
        }
    }

    /** Drops every block of a storage. */
    void invalidate(long storage) {
        if (cache != null) {
            cache.asMap().keySet().removeIf(k -> k.storage() == storage);
        }
    }

    void clear() {
        if (cache != null) {
            cache.invalidateAll();
            cache.cleanUp();
        }
    }
}
