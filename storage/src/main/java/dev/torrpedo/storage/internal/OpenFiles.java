package dev.torrpedo.storage.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open file handles of every torrent, bounded (Caffeine, least recently used closed
 * first). A handle is reference counted: the cache holds one reference and each user one
 * more, so a handle evicted while a thread reads or writes through it is closed only when
 * that thread is done.
 */
final class OpenFiles {
    private static final Logger LOG = LoggerFactory.getLogger(OpenFiles.class);

    /** Which file of which storage. */
    record Key(long storage, int file) {
    }

    /** Opens a file for {@link #acquire}. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(boolean write) throws IOException;
    }

    /** A counted handle. */
    static final class Handle {
        final FileChannel channel;
        final boolean writable;
        private final AtomicInteger refs = new AtomicInteger(1);

        Handle(FileChannel channel, boolean writable) {
            this.channel = channel;
            this.writable = writable;
        }

        boolean retain() {
            while (true) {
                int r = refs.get();
                if (r == 0) {
                    return false;
                }
                if (refs.compareAndSet(r, r + 1)) {
                    return true;
                }
            }
        }

        void release() {
            if (refs.decrementAndGet() == 0) {
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.warn("closing a file failed", e);
                }
            }
        }
    }

    private final Cache<Key, Handle> cache;

    OpenFiles(int limit) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(limit)
                .executor(Runnable::run) // no thread of Caffeine's own: closes run on our threads
                .removalListener((Key k, Handle h, RemovalCause c) -> {
                    if (h != null) {
                        h.release();
                    }
                })
                .build();
    }

    /**
     * @return a handle with a reference for the caller, who must {@link Handle#release()} it;
     *         writable if {@code write}
     */
    Handle acquire(Key key, boolean write, Opener opener) throws IOException {
        while (true) {
            Handle h = cache.getIfPresent(key);
            if (h != null) {
                if ((!write || h.writable) && h.retain()) {
                    return h;
                }
                cache.asMap().remove(key, h); // read-only, and now needed for writing: reopen
                continue;
            }
            Handle fresh = new Handle(opener.open(write), write);
            Handle prev = cache.asMap().putIfAbsent(key, fresh);
            if (prev != null) {
                fresh.release(); // another thread opened it first: use theirs
                continue;
            }
            if (fresh.retain()) {
                return fresh;
            }
        }
    }

    /** @return a reference to the open handle, if one is cached (for forcing) */
    Handle ifOpen(Key key) {
        Handle h = cache.getIfPresent(key);
        return h != null && h.retain() ? h : null;
    }

    /**
     * @return a reference to the open handle, if one is cached, without counting as a use
     *         (a flush-behind must not make a torrent's files look recently used)
     */
    Handle peek(Key key) {
        Handle h = cache.policy().getIfPresentQuietly(key);
        return h != null && h.retain() ? h : null;
    }

    /** Closes the handles of one storage (the last user closes each). */
    void closeAll(long storage) {
        cache.asMap().keySet().removeIf(k -> k.storage() == storage);
        cache.cleanUp();
    }

    /** Closes every handle. */
    void closeAll() {
        cache.invalidateAll();
        cache.cleanUp();
    }
}
