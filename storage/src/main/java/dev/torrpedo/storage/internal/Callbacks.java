package dev.torrpedo.storage.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Posting outcomes to the caller's executor, never running them on a storage thread. */
final class Callbacks {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private Callbacks() {
    }

    /** Posts {@code task} to {@code executor}; if it refuses (shut down), the outcome is dropped and logged. */
    static void post(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("executor refused a storage callback; dropped", e);
        }
    }

    /** Completes {@code future} with {@code value} from a task on {@code executor}. */
    static <T> void complete(CompletableFuture<T> future, Executor executor, T value) {
        try {
            executor.execute(() -> future.complete(value));
        } catch (RejectedExecutionException e) {
            future.complete(value);
        }
    }

    /** Completes {@code future} exceptionally from a task on {@code executor}. */
    static <T> void fail(CompletableFuture<T> future, Executor executor, Throwable error) {
        try {
            executor.execute(() -> future.completeExceptionally(error));
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(error);
        }
    }
}
