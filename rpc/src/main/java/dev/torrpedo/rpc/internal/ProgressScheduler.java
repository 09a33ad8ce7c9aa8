package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.ChangeFeed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads the engine's {@link ChangeFeed}: it owns the {@link StatusView},
 * answers {@code sync.get}, and for each client subscribed to progress, every interval,
 * queues a {@code torrent.progress} with the fields changed and the torrents removed since
 * the last one (coalesced in the client's queue if the last one is still waiting). Without a
 * feed, there is no progress and no {@code sync.get}.
 */
final class ProgressScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressScheduler.class);
    static final String PROGRESS_METHOD = "torrent.progress";
    static final int MAX_TOMBSTONES = 4096;

    /** One subscribed client; touched on the scheduler thread only. */
    private static final class Subscriber {
        final Client client;
        final List<String> fields;
        long revision;
        ScheduledFuture<?> task;

        Subscriber(Client client, List<String> fields, long revision) {
            this.client = client;
            this.fields = fields;
            this.revision = revision;
        }
    }

    private final ChangeFeed feed;
    private final ScheduledThreadPoolExecutor executor;
    private final StatusView view = new StatusView(MAX_TOMBSTONES);
    private final Map<Client, Subscriber> subscribers = new HashMap<>();
    private final AtomicLong progressOffered = new AtomicLong();

    ProgressScheduler(ChangeFeed feed) {
        this.feed = feed;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "torrpedo-rpc-scheduler");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    boolean hasFeed() {
        return feed != null;
    }

    /**
     * Starts (or changes) progress for a client, from the current state.
     *
     * @return the revision its first progress counts from
     */
    CompletableFuture<Long> subscribe(Client client, long intervalMs, List<String> fields) {
        return onThread(() -> {
            refresh();
            Subscriber old = subscribers.remove(client);
            if (old != null) {
                old.task.cancel(false);
            }
            // a changed interval keeps the old revision, so nothing changed since the last tick is lost
            long from = old != null ? old.revision : Math.max(0, view.revision());
            Subscriber s = new Subscriber(client, fields, from);
            s.task = executor.scheduleWithFixedDelay(() -> tick(s), intervalMs, intervalMs, TimeUnit.MILLISECONDS);
            subscribers.put(client, s);
            return s.revision;
        });
    }

    /** Stops progress for a client (a no-op if it had none). */
    CompletableFuture<Void> unsubscribe(Client client) {
        return onThread(() -> {
            Subscriber s = subscribers.remove(client);
            if (s != null) {
                s.task.cancel(false);
            }
            return null;
        });
    }

    /** The {@code sync.get} result for a client at {@code sinceRevision}. */
    CompletableFuture<Map<String, Object>> sync(long sinceRevision) {
        return onThread(() -> {
            refresh();
            StatusView.Sync s = view.since(sinceRevision);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("revision", s.revision());
            result.put("full", s.full());
            result.put("torrents", s.torrents());
            result.put("removed", s.removed());
            result.put("stats", s.stats());
            return result;
        });
    }

    /** Progress notifications queued so far (before coalescing). */
    long progressOffered() {
        return progressOffered.get();
    }

    private void tick(Subscriber s) {
        try {
            refresh();
            StatusView.Sync sync = view.since(s.revision);
            s.revision = sync.revision();
            List<Map<String, Object>> torrents = filter(sync.torrents(), s.fields);
            if (!sync.full() && torrents.isEmpty() && sync.removed().isEmpty() && sync.statsChanged().isEmpty()) {
                return;
            }
            progressOffered.incrementAndGet();
            s.client.outbound().offerCoalescing(PROGRESS_METHOD, ProgressMerge.params(sync.revision(), sync.full(),
                    sync.removed(), torrents, sync.full() ? sync.stats() : sync.statsChanged()), ProgressMerge::merge);
        } catch (RuntimeException e) {
            LOG.warn("progress for client {} failed", s.client.id(), e);
        }
    }

    private static List<Map<String, Object>> filter(List<Map<String, Object>> torrents, List<String> fields) {
        if (fields == null) {
            return torrents;
        }
        List<Map<String, Object>> out = new ArrayList<>(torrents.size());
        for (Map<String, Object> t : torrents) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(StatusView.ID, t.get(StatusView.ID));
            for (String f : fields) {
                if (t.containsKey(f)) {
                    m.put(f, t.get(f));
                }
            }
            if (m.size() > 1) {
                out.add(m);
            }
        }
        return out;
    }

    private void refresh() {
        view.refresh(feed);
    }

    private <T> CompletableFuture<T> onThread(Supplier<T> work) {
        if (feed == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no change feed"));
        }
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Stops every tick and the thread; waits for it to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("scheduler thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
