package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.StorageException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A job on a torrent's queue that completes a future on the caller's executor. By default
 * it is a fence: it starts only once no hashing of the torrent is in flight (earlier jobs
 * have all run, since the queue is serial), and later jobs wait for it.
 *
 * @param <T> what the future holds
 */
abstract class Fence<T> extends SerialQueue.Job {
    final TorrentStorage storage;
    final CompletableFuture<T> future;
    final Executor executor;
    private final boolean waitForHashing;

    Fence(TorrentStorage storage, Executor executor) {
        this(storage, executor, true);
    }

    Fence(TorrentStorage storage, Executor executor, boolean waitForHashing) {
        this.storage = storage;
        this.executor = executor;
        this.waitForHashing = waitForHashing;
        this.future = new CompletableFuture<>();
    }

    @Override
    final boolean run() {
        if (storage.closed) {
            fail();
            return true;
        }
        if (waitForHashing && !storage.hashQuiet()) {
            return false;
        }
        try {
            return body();
        } catch (StorageException e) {
            failWith(e);
            return true;
        }
    }

    /**
     * The work, on the job queue.
     *
     * @return {@code true} when done; {@code false} to pause the queue until something calls
     *         {@code queue.resume()} (then this runs again)
     */
    abstract boolean body() throws StorageException;

    void complete(T value) {
        Callbacks.complete(future, executor, value);
    }

    void failWith(Throwable e) {
        Callbacks.fail(future, executor, e);
    }

    @Override
    void fail() {
        failWith(TorrentStorage.closedError());
    }
}
