package dev.torrpedo.rpc.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client, whatever the transport: it reads messages through the dispatcher, and queues
 * answers and notifications for the transport's writer. At most {@code maxInFlight} requests
 * wait for their responses to be written; {@link #receive} blocks past that, which is how a
 * client that does not read its responses is made to stop sending.
 */
final class Connection implements Client {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Dispatcher dispatcher;
    private final int maxInFlight;
    private final Semaphore permits;
    private final OutboundQueue outbound;
    private volatile Subscription subscription = Subscription.NONE;

    Connection(Dispatcher dispatcher, int maxInFlight, int maxQueuedNotifications) {
        this.dispatcher = dispatcher;
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
        this.outbound = new OutboundQueue(maxQueuedNotifications, dispatcher.messages(), permits::release);
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public void subscription(Subscription s) {
        subscription = s;
    }

    @Override
    public OutboundQueue outbound() {
        return outbound;
    }

    /** Reads and runs one message; waits while too many responses are unwritten. */
    void receive(byte[] b, int off, int len) throws InterruptedException {
        Dispatcher.Parsed parsed = dispatcher.parse(b, off, len);
        int weight = parsed.weight();
        permits.acquire(weight);
        dispatcher.dispatch(parsed, this).whenComplete((answer, failure) -> {
            if (failure != null) {
                LOG.error("client {}: a message was not answered", id, failure);
                permits.release(weight);
            } else if (answer == null) {
                permits.release(weight);
            } else {
                outbound.offerResponse(answer, weight);
            }
        });
    }

    /** Answers a message that was longer than the limit and skipped. */
    void receiveTooLong(long length) throws InterruptedException {
        permits.acquire(1);
        outbound.offerResponse(dispatcher.tooLong(length), 1);
    }

    /** Requests whose responses are not yet written. */
    int inFlight() {
        return maxInFlight - permits.availablePermits();
    }

    /**
     * Waits until every request has been answered and its answer written.
     *
     * @return false if that did not happen within the timeout
     */
    boolean awaitAnswered(long timeoutMillis) throws InterruptedException {
        if (permits.tryAcquire(maxInFlight, timeoutMillis, TimeUnit.MILLISECONDS)) {
            permits.release(maxInFlight);
            return true;
        }
        return false;
    }

    /** No more messages; the writer gets what is queued, then the end. */
    void close() {
        outbound.close();
    }
}
