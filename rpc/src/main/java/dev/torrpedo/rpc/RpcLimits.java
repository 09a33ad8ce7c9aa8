package dev.torrpedo.rpc;

/**
 * The limits one client connection is held to. Each is checked before the memory it guards
 * is allocated; a violation is answered with an error and the connection keeps serving.
 *
 * @param maxMessageBytes the longest message (one line on stdio) in bytes; longer lines are
 *     skipped and answered with {@link RpcErrorCode#PARSE_ERROR}. Default 1 MiB.
 * @param maxDepth the deepest nesting of arrays and objects; deeper JSON is rejected while
 *     parsing with {@link RpcErrorCode#PARSE_ERROR}. Default 64.
 * @param maxBatch the most requests in one batch; more is {@link RpcErrorCode#INVALID_REQUEST}.
 *     Default 256.
 * @param maxInFlight the most requests of one connection whose responses are not yet written;
 *     past it the transport stops reading input until responses drain. At least
 *     {@code maxBatch}. Default 1024.
 * @param maxQueuedNotifications the most event notifications waiting to be written to one
 *     connection; past it new ones are dropped and counted in an {@code events.dropped}
 *     notification. Progress is coalesced and never counted here. Default 1024.
 */
public record RpcLimits(int maxMessageBytes, int maxDepth, int maxBatch, int maxInFlight,
                        int maxQueuedNotifications) {

    private static final RpcLimits DEFAULTS = new RpcLimits(1 << 20, 64, 256, 1024, 1024);

    /** Checks each limit, naming the one that is out of range. */
    public RpcLimits {
        check("maxMessageBytes", maxMessageBytes, 64, Integer.MAX_VALUE - 16);
        check("maxDepth", maxDepth, 2, 10_000);
        check("maxBatch", maxBatch, 1, 1_000_000);
        check("maxInFlight", maxInFlight, maxBatch, 1_000_000);
        check("maxQueuedNotifications", maxQueuedNotifications, 1, 1_000_000);
    }

    /** The defaults: 1 MiB messages, depth 64, batches of 256, 1024 in flight, 1024 notifications. */
    public static RpcLimits defaults() {
        return DEFAULTS;
    }

    /**
     * These limits with another message size.
     *
     * @param bytes the new {@link #maxMessageBytes()}
     * @return a copy
     */
    public RpcLimits withMaxMessageBytes(int bytes) {
        return new RpcLimits(bytes, maxDepth, maxBatch, maxInFlight, maxQueuedNotifications);
    }

    /**
     * These limits with another batch size and in-flight count.
     *
     * @param batch the new {@link #maxBatch()}
     * @param inFlight the new {@link #maxInFlight()}
     * @return a copy
     */
    public RpcLimits withMaxBatch(int batch, int inFlight) {
        return new RpcLimits(maxMessageBytes, maxDepth, batch, inFlight, maxQueuedNotifications);
    }

    /**
     * These limits with another notification queue size.
     *
     * @param count the new {@link #maxQueuedNotifications()}
     * @return a copy
     */
    public RpcLimits withMaxQueuedNotifications(int count) {
        return new RpcLimits(maxMessageBytes, maxDepth, maxBatch, maxInFlight, count);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
