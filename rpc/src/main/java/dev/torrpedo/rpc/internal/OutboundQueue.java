package dev.torrpedo.rpc.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BinaryOperator;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages waiting for one client, in the order they were offered, with a policy for a
 * reader that is slower than the engine. Offering never blocks and never waits for a lock.
 *
 * <ul>
 *   <li>Responses are never dropped. Their number is bounded by the connection's in-flight
 *       permits, which come back only once a response is written.
 *   <li>Coalescing notifications ({@code torrent.progress}) are merged into the one of the
 *       same method still waiting, if nothing else was queued after it, so a slow reader gets
 *       fewer, fuller notifications and memory does not grow. Merging never moves newer state
 *       ahead of a message queued earlier (a {@code sync.get} answer, an event): the order of
 *       everything written is the order it was offered in. So at most one waiting progress per
 *       other message waiting, plus one.
 *   <li>Other notifications are bounded by {@code maxNotifications}; past it they are dropped,
 *       and one {@code events.dropped {"count"}} notification tells the client to resync with
 *       {@code sync.get}.
 * </ul>
 *
 * <p>One consumer (the connection's writer) calls {@link #take} or {@link #poll}, then
 * {@link #written} once the message is out.
 */
final class OutboundQueue {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

    /** The notification sent when events were dropped. */
    static final String DROPPED_METHOD = "events.dropped";

    /**
     * One message for the writer.
     *
     * @param bytes the JSON text, without the newline
     * @param permits in-flight permits to give back once written
     * @param counted true if it counts against the notification bound
     */
    record Outgoing(byte[] bytes, int permits, boolean counted) {
    }

    private record Line(byte[] bytes, int permits, boolean counted) {
    }

    /** One waiting coalescing notification; its params are taken (set to null) when written. */
    private record Pending(String method, AtomicReference<Map<String, Object>> params, long sequence) {
    }

    private static final Object DROPPED_MARKER = new Object();
    private static final Object END = new Object();

    private final LinkedTransferQueue<Object> queue = new LinkedTransferQueue<>();
    /** The newest waiting coalescing notification of each method. */
    private final ConcurrentHashMap<String, Pending> newest = new ConcurrentHashMap<>();
    /** How many lines (responses, notifications) were queued: what a pending one may merge past. */
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger notifications = new AtomicInteger();
    private final AtomicInteger responses = new AtomicInteger();
    private final AtomicLong droppedSinceSent = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final AtomicLong coalescedTotal = new AtomicLong();
    private final int maxNotifications;
    private final Messages messages;
    private final IntConsumer releasePermits;
    private volatile boolean closed;

    OutboundQueue(int maxNotifications, Messages messages, IntConsumer releasePermits) {
        this.maxNotifications = maxNotifications;
        this.messages = messages;
        this.releasePermits = releasePermits;
    }

    /** Queues a response; it is written whatever the reader's pace. */
    void offerResponse(byte[] bytes, int permits) {
        if (closed) {
            LOG.debug("response after close, not sent");
            releasePermits.accept(permits);
            return;
        }
        responses.incrementAndGet();
        queue.add(new Line(bytes, permits, false));
        sequence.incrementAndGet();
    }

    /**
     * Queues a notification unless too many are waiting.
     *
     * @return false if it was dropped
     */
    boolean offerNotification(byte[] bytes) {
        if (closed) {
            return false;
        }
        int n;
        do {
            n = notifications.get();
            if (n >= maxNotifications) {
                droppedTotal.incrementAndGet();
                if (droppedSinceSent.getAndIncrement() == 0) {
                    queue.add(DROPPED_MARKER);
                }
                return false;
            }
        } while (!notifications.compareAndSet(n, n + 1));
        queue.add(new Line(bytes, 0, true));
        sequence.incrementAndGet();
        return true;
    }

    /**
     * Queues a coalescing notification: merged into the waiting one of the same method if
     * nothing was queued after that one, else queued anew. One thread offers per method (the
     * scheduler); {@code merge} must be pure.
     */
    void offerCoalescing(String method, Map<String, Object> params, BinaryOperator<Map<String, Object>> merge) {
        if (closed) {
            return;
        }
        long now = sequence.get();
        Pending last = newest.get(method);
        if (last != null && last.sequence == now) {
            Map<String, Object> before = last.params.getAndUpdate(old -> old == null ? null : merge.apply(old, params));
            if (before != null) {
                coalescedTotal.incrementAndGet();
                return;
            }
            // the writer took it meanwhile
        }
        Pending next = new Pending(method, new AtomicReference<>(params), now);
        newest.put(method, next);
        queue.add(next);
    }

    /**
     * The next message, waiting for one.
     *
     * @return the message, or null once {@link #close} was called and all before it was taken
     */
    Outgoing take() throws InterruptedException {
        while (true) {
            Outgoing o = resolve(queue.take());
            if (o != null) {
                return o == END_OUTGOING ? null : o;
            }
        }
    }

    /**
     * The next message, waiting at most {@code timeoutMillis}.
     *
     * @return the message; null if none came in time or the queue has ended (see {@link #ended})
     */
    Outgoing poll(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            Object item = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (item == null) {
                return null;
            }
            Outgoing o = resolve(item);
            if (o != null) {
                return o == END_OUTGOING ? null : o;
            }
        }
    }

    private static final Outgoing END_OUTGOING = new Outgoing(new byte[0], 0, false);

    private Outgoing resolve(Object item) {
        if (item instanceof Line) {
            Line l = (Line) item;
            return new Outgoing(l.bytes, l.permits, l.counted);
        }
        if (item instanceof Pending) {
            Pending p = (Pending) item;
            Map<String, Object> params = p.params.getAndSet(null);
            newest.remove(p.method, p);
            return params == null ? null : serialised(p.method, params);
        }
        if (item == DROPPED_MARKER) {
            long n = droppedSinceSent.getAndSet(0);
            return n == 0 ? null : serialised(DROPPED_METHOD, Map.of("count", n));
        }
        if (item == END) {
            queue.add(END);
            return END_OUTGOING;
        }
        throw new IllegalStateException("unknown queue item " + item);
    }

    private Outgoing serialised(String method, Map<String, Object> params) {
        try {
            return new Outgoing(messages.notification(method, params), 0, false);
        } catch (IllegalArgumentException e) {
            LOG.warn("{} notification not sent: {}", method, e.getMessage());
            return null;
        }
    }

    /** The writer has written (or given up on) a message: its room and permits come back. */
    void written(Outgoing o) {
        if (o.counted) {
            notifications.decrementAndGet();
        }
        if (o.permits > 0) {
            // every response holds at least one permit, and only responses hold any
            responses.decrementAndGet();
            releasePermits.accept(o.permits);
        }
    }

    /** No more offers are taken; the writer gets what is queued, then null. */
    void close() {
        closed = true;
        queue.add(END);
    }

    /** True once {@link #close} was called and the writer has reached the end. */
    boolean ended() {
        return closed && queue.peek() == END;
    }

    /** Event notifications waiting (bounded by maxNotifications). */
    int queuedNotifications() {
        return notifications.get();
    }

    /** Responses waiting (bounded by the in-flight permits). */
    int queuedResponses() {
        return responses.get();
    }

    /** Everything in the queue, markers included. */
    int size() {
        return queue.size();
    }

    /** Notifications dropped since the start. */
    long droppedTotal() {
        return droppedTotal.get();
    }

    /** Coalescing notifications merged into a waiting one since the start. */
    long coalescedTotal() {
        return coalescedTotal.get();
    }
}
