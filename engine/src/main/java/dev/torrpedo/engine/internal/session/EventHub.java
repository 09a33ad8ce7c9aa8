package dev.torrpedo.engine.internal.session;

import dev.torrpedo.engine.Event;
import dev.torrpedo.engine.Subscription;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's revision counter, its subscribers, and the short history of removed
 * torrents that {@code changesSince} needs.
 *
 * <p>Publishing never blocks and never runs user code: each subscriber has its own queue,
 * drained by one task at a time on the subscriber's executor, so its events arrive in
 * order. A subscriber that falls {@link #MAX_QUEUED} events behind loses the newest ones
 * (logged once per overflow); it can resynchronise with {@code changesSince}.
 */
public final class EventHub {
    /** Events queued for one subscriber before new ones are dropped. */
    public static final int MAX_QUEUED = 100_000;
    /** Removed torrents remembered for {@code changesSince}. */
    public static final int REMOVED_HISTORY = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final AtomicLong revision = new AtomicLong();
    private final CopyOnWriteArrayList<Sub> subscribers = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Removed> removed = new ArrayDeque<>();
    private long forgottenUpTo;

    private record Removed(long revision, String id) {
    }

    /** @return a new revision, later than every one before */
    public long next() {
        return revision.incrementAndGet();
    }

    /** @return the latest revision handed out */
    public long current() {
        return revision.get();
    }

    /** Hands {@code event} to every subscriber's queue. */
    public void publish(Event event) {
        for (Sub s : subscribers) {
            s.offer(event);
        }
    }

    /** @return a new subscription */
    public Subscription subscribe(Consumer<? super Event> listener, Executor executor) {
        Sub s = new Sub(Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(executor, "executor"));
        subscribers.add(s);
        return s;
    }

    /** Records that torrent {@code id} was removed at {@code rev}. */
    public synchronized void removed(String id, long rev) {
        removed.addLast(new Removed(rev, id));
        while (removed.size() > REMOVED_HISTORY) {
            forgottenUpTo = removed.removeFirst().revision();
        }
    }

    /**
     * @param since  a revision
     * @param out    receives the ids removed after it
     * @return whether the history reaches back to {@code since}
     */
    public synchronized boolean removedSince(long since, List<String> out) {
        for (Removed r : removed) {
            if (r.revision() > since) {
                out.add(r.id());
            }
        }
        return since >= forgottenUpTo;
    }

    /** Stops every subscription (the session is closing). */
    public void closeAll() {
        for (Sub s : subscribers) {
            s.close();
        }
    }

    private final class Sub implements Subscription, Runnable {
        private final Consumer<? super Event> listener;
        private final Executor executor;
        private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger size = new AtomicInteger();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private final AtomicBoolean overflowing = new AtomicBoolean();
        private volatile boolean closed;

        Sub(Consumer<? super Event> listener, Executor executor) {
            this.listener = listener;
            this.executor = executor;
        }

        void offer(Event e) {
            if (closed) {
                return;
            }
            if (size.incrementAndGet() > MAX_QUEUED) {
                size.decrementAndGet();
                if (overflowing.compareAndSet(false, true)) {
                    LOG.warn("a subscriber is {} events behind; dropping events until it catches up", MAX_QUEUED);
                }
                return;
            }
            queue.add(e);
            schedule();
        }

        private void schedule() {
            if (scheduled.compareAndSet(false, true)) {
                try {
                    executor.execute(this);
                } catch (RejectedExecutionException e) {
                    LOG.warn("a subscriber's executor rejected delivery; closing the subscription", e);
                    scheduled.set(false);
                    close();
                }
            }
        }

        @Override
        public void run() {
            Event e;
            while (!closed && (e = queue.poll()) != null) {
                size.decrementAndGet();
                overflowing.set(false);
                try {
                    listener.accept(e);
                } catch (RuntimeException t) {
                    LOG.warn("an event listener threw on {}", e, t);
                }
            }
            scheduled.set(false);
            if (!closed && !queue.isEmpty()) {
                schedule();
            }
        }

        @Override
        public void close() {
            closed = true;
            subscribers.remove(this);
            queue.clear();
        }
    }
}
