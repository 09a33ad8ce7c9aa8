package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A message that could not be read at all: too long, not UTF-8, not JSON, nested too deep.
 * Answered with {@code -32700} and {@code data: {"reason", "offset"?, "limit"?}}.
 */
final class UnreadableMessage extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the message could not be read; the lower-camel name is sent as {@code data.reason}. */
    enum Reason {
        /** Longer than {@code maxMessageBytes}. */
        SIZE("size"),
        /** Not well-formed UTF-8. */
        UTF8("utf8"),
        /** Not one JSON text (or a duplicate object key). */
        SYNTAX("syntax"),
        /** Arrays and objects nested deeper than {@code maxDepth}. */
        DEPTH("depth"),
        /** A number or string longer than the parser takes. */
        TOKEN("token");

        final String wire;

        Reason(String wire) {
            this.wire = wire;
        }
    }

    private final Reason reason;
    private final long offset;
    private final long limit;

    /**
     * @param reason why
     * @param detail what was found, for the message
     * @param offset the byte offset in the message where reading failed, or -1
     * @param limit the limit that was exceeded, or -1
     */
    UnreadableMessage(Reason reason, String detail, long offset, long limit) {
        super(detail, null, false, false);
        this.reason = reason;
        this.offset = offset;
        this.limit = limit;
    }

    Reason reason() {
        return reason;
    }

    long offset() {
        return offset;
    }

    /** The error response this failure gets. */
    RpcException toRpcException() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", reason.wire);
        if (offset >= 0) {
            data.put("offset", offset);
        }
        if (limit >= 0) {
            data.put("limit", limit);
        }
        return new RpcException(RpcErrorCode.PARSE_ERROR, RpcErrorCode.PARSE_ERROR.title() + ": " + getMessage(), data);
    }
}
