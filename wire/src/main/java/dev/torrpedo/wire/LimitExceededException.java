package dev.torrpedo.wire;

/**
 * A length or count sent by the remote peer is over one of the {@link WireLimits}; it was
 * detected before anything was allocated for it.
 */
public final class LimitExceededException extends WireException {
    private static final long serialVersionUID = 1L;

    private final long value;
    private final long limit;

    /**
     * @param field what was measured, such as {@code "message length"}
     * @param value the value the peer sent
     * @param limit the largest value allowed
     */
    public LimitExceededException(String field, long value, long limit) {
        super(field, value + " (expected: <= " + limit + ")");
        this.value = value;
        this.limit = limit;
    }

    /** @return the value the peer sent */
    public long value() {
        return value;
    }

    /** @return the largest value allowed */
    public long limit() {
        return limit;
    }
}
