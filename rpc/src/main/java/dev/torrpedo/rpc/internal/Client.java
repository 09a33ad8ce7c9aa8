package dev.torrpedo.rpc.internal;

/** The connection a call came from, as the built-in methods see it. */
interface Client {

    /** A number that names this connection in logs. */
    long id();

    /** The notifications this client receives; never null. */
    Subscription subscription();

    /** Replaces the subscription (only the reader thread calls this). */
    void subscription(Subscription s);

    /** Where its outbound messages wait. */
    OutboundQueue outbound();
}
