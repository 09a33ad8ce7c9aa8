package dev.torrpedo.dht;

/** Why a DHT operation failed: the node is closed, a node did not answer, or refused. */
public final class DhtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** The node was closed (or never started). */
        CLOSED,
        /** The node asked did not answer in time. */
        TIMEOUT,
        /** The node asked answered with a KRPC error. */
        REMOTE_ERROR,
        /** Too many of our queries are pending. */
        OVERLOADED,
        /** The operation is not possible in this node's mode or with these arguments. */
        INVALID
    }

    private final Reason reason;

    /**
     * @param reason what went wrong
     * @param message what happened
     */
    public DhtException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    /** @return what went wrong */
    public Reason reason() {
        return reason;
    }
}
