package dev.torrpedo.engine;

/**
 * An event subscription ({@link Session#subscribe}). Closing it stops delivery; an event
 * already handed to the executor may still arrive.
 */
public interface Subscription extends AutoCloseable {
    /** Stops delivering events to this subscriber. Idempotent. */
    @Override
    void close();
}
