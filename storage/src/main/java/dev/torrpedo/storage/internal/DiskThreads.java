package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.DiskIoPool;
import dev.torrpedo.storage.StorageSettings;
import dev.torrpedo.storage.WriteHandler;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The disk I/O pool: threads running the torrents' job queues, the count of bytes the
 * queues hold (the back-pressure signal), the open-file cache and the block cache.
 */
public final class DiskThreads implements DiskIoPool {
    private final WorkerPool pool;
    private final AtomicLong queued = new AtomicLong();
    private volatile long highWaterMark;
    private final ConcurrentLinkedQueue<DrainWaiter> waiters = new ConcurrentLinkedQueue<>();
    private final OpenFiles openFiles;
    private final BlockCache blockCache;
    private final AtomicLong nextStorageId = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether some storage's flush-behind is running: one at a time in the pool. */
    private final AtomicBoolean flushingBehind = new AtomicBoolean();

    /** Starts the threads ({@code torrpedo-disk-N}). */
    public DiskThreads(StorageSettings settings) {
        this.highWaterMark = settings.highWaterMark();
        this.openFiles = new OpenFiles(settings.openFileLimit());
        this.blockCache = new BlockCache(settings.blockCacheBytes());
        this.pool = new WorkerPool("torrpedo-disk", settings.diskThreads());
    }

    WorkerPool pool() {
        return pool;
    }

    OpenFiles openFiles() {
        return openFiles;
    }

    BlockCache blockCache() {
        return blockCache;
    }

    long newStorageId() {
        return nextStorageId.incrementAndGet();
    }

    /** @return whether the caller may start a flush-behind (then it must {@link #endFlushBehind}) */
    boolean startFlushBehind() {
        return flushingBehind.compareAndSet(false, true);
    }

    void endFlushBehind() {
        flushingBehind.set(false);
    }

    boolean isClosed() {
        return closed.get();
    }

    /**
     * Counts {@code bytes} as held by the queue.
     *
     * @return whether the queue is now over the high-water mark
     */
    boolean hold(long bytes) {
        return queued.addAndGet(bytes) > highWaterMark;
    }

    /** Counts {@code bytes} as released, and tells the waiting peers once the queue is below half the mark. */
    void release(long bytes) {
        long now = queued.addAndGet(-bytes);
        if (now <= highWaterMark / 2 && !waiters.isEmpty()) {
            wakeWaiters();
        }
    }

    /** Registers a peer that was told to stop reading; tells it at once if the queue already drained. */
    void awaitDrain(WriteHandler handler, Executor executor) {
        waiters.offer(new DrainWaiter(handler, executor));
        if (queued.get() <= highWaterMark / 2) {
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        DrainWaiter w;
        while ((w = waiters.poll()) != null) {
            DrainWaiter waiter = w;
            Callbacks.post(waiter.executor, waiter.handler::drained);
        }
    }

    @Override
    public long queuedBytes() {
        return queued.get();
    }

    @Override
    public long highWaterMark() {
        return highWaterMark;
    }

    @Override
    public void setHighWaterMark(long bytes) {
        if (bytes < dev.torrpedo.storage.Storage.BLOCK_SIZE) {
            throw new IllegalArgumentException("highWaterMark: " + bytes + " (expected: >= "
                    + dev.torrpedo.storage.Storage.BLOCK_SIZE + ")");
        }
        this.highWaterMark = bytes;
        if (queued.get() <= bytes / 2) {
            wakeWaiters();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pool.close();
        openFiles.closeAll();
        blockCache.clear();
        wakeWaiters();
    }

    @Override
    public String toString() {
        return "DiskIoPool[" + pool.size() + " threads, " + queued.get() + " bytes queued]";
    }

    /** A peer waiting for the queue to drain. */
    private record DrainWaiter(WriteHandler handler, Executor executor) {
    }
}
