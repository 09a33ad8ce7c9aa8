package dev.torrpedo.engine.internal.session;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's one callback thread: the futures handed to users complete here, so a
 * stage a user attaches never runs on an event loop. The thread exists only while there is
 * work (it ends after a few idle seconds) and is stopped by the session's close.
 */
final class Callbacks implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);

    private final ThreadPoolExecutor pool;

    Callbacks() {
        this("torrpedo-callbacks");
    }

    /** @param name the thread's name (the session also runs CPU work off the event loops on one of these) */
    Callbacks(String name) {
        pool = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(name, true));
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** @return a future that completes like {@code internal}, on this executor */
    <T> CompletableFuture<T> relay(CompletableFuture<T> internal) {
        CompletableFuture<T> out = new CompletableFuture<>();
        internal.whenComplete((v, e) -> {
            Runnable done = () -> {
                if (e == null) {
                    out.complete(v);
                } else {
                    out.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                }
            };
            try {
                pool.execute(done);
            } catch (RejectedExecutionException closing) {
                done.run(); // the session is closing: complete on the closing thread
            }
        });
        return out;
    }

    /** Runs what is queued, then stops the thread. */
    void shutdown() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("callbacks still running 10 s after close; interrupting them");
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
