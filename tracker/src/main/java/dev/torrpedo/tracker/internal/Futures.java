package dev.torrpedo.tracker.internal;

import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** Futures whose only failure is a {@link TrackerException} naming the tracker. */
final class Futures {
    private Futures() {
    }

    /**
     * @return a future of {@code fn} applied to {@code source}'s value; any failure of either
     *         becomes a {@link TrackerException} naming {@code tracker}
     */
    static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<? super T, ? extends R> fn, URI tracker) {
        CompletableFuture<R> out = new CompletableFuture<>();
        source.whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(asTrackerException(e, tracker));
                return;
            }
            try {
                out.complete(fn.apply(v));
            } catch (RuntimeException ex) {
                out.completeExceptionally(asTrackerException(ex, tracker));
            }
        });
        return out;
    }

    /** @return a future already failed with {@code e} as a {@link TrackerException} naming {@code tracker} */
    static <R> CompletableFuture<R> failed(Throwable e, URI tracker) {
        return CompletableFuture.failedFuture(asTrackerException(e, tracker));
    }

    static TrackerException asTrackerException(Throwable e, URI tracker) {
        Throwable c = e;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof TrackerException te) {
            return te.withTracker(tracker);
        }
        // a bug of ours or of a decoder must still end as this tracker's error only
        return new TrackerException(TrackerError.MALFORMED, tracker, null, -1, "unexpected " + c, c);
    }
}
