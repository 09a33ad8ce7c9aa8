package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.StorageException;
import java.util.concurrent.CompletableFuture;

/**
 * The last job of a storage: after every earlier job and all hashing, force the data, save
 * resume data, close the handles, drop the cached blocks. Completes {@code done} on the
 * disk thread; callers get their own futures on their executors.
 */
final class CloseJob extends SerialQueue.Job {
    private final TorrentStorage s;
    private final CompletableFuture<Void> done;

    CloseJob(TorrentStorage s, CompletableFuture<Void> done) {
        this.s = s;
        this.done = done;
    }

    @Override
    boolean run() {
        if (s.closed) {
            done.complete(null);
            return true;
        }
        if (!s.hashQuiet()) {
            return false;
        }
        StorageException error = null;
        try {
            s.saveResumeNow();
        } catch (StorageException e) {
            error = e;
        }
        s.closed = true;
        s.partial.clear();
        s.disk.blockCache().invalidate(s.id);
        try {
            s.backend.close();
        } catch (StorageException e) {
            if (error == null) {
                error = e;
            }
        }
        if (error != null) {
            done.completeExceptionally(error);
        } else {
            done.complete(null);
        }
        return true;
    }

    @Override
    void fail() {
        s.closed = true;
        try {
            s.backend.close();
        } catch (StorageException e) {
            // the pool is gone: nothing more can be done
        }
        done.completeExceptionally(TorrentStorage.closedError());
    }
}
