package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One element of an inbound message, checked against the JSON-RPC 2.0 request object:
 * {@code "jsonrpc"} exactly {@code "2.0"}, {@code "method"} a string, {@code "params"} absent
 * or an object or array, {@code "id"} absent (a notification), a string, a number or null.
 * Other members are ignored.
 */
sealed interface Incoming permits Incoming.Call, Incoming.Invalid {

    /** The id of a notification: there is none, and nothing is answered. */
    Object NO_ID = new Object() {
        @Override
        public String toString() {
            return "(notification)";
        }
    };

    /**
     * A well-formed request or notification.
     *
     * @param id the id (String, Number or null), or {@link #NO_ID}
     * @param method the method name
     * @param params a Map, a List, or null when absent
     */
    record Call(Object id, String method, Object params) implements Incoming {
        boolean isNotification() {
            return id == NO_ID;
        }
    }

    /**
     * An element that is not a request object; always answered (JSON-RPC 2.0 section 5).
     *
     * @param id the id if one could be read, else null
     * @param error the error to answer with
     */
    record Invalid(Object id, RpcException error) implements Incoming {
    }

    /** Checks one element of a message (the whole message, or one entry of a batch). */
    static Incoming of(Object element) {
        if (!(element instanceof Map)) {
            return invalid(null, "expected a request object, got " + JsonTypes.name(element));
        }
        Map<?, ?> m = (Map<?, ?>) element;
        Object id = NO_ID;
        if (m.containsKey("id")) {
            id = m.get("id");
            if (!(id == null || id instanceof String || isNumber(id))) {
                return invalid(null, "\"id\" must be a string, a number or null, got " + JsonTypes.name(id));
            }
        }
        Object version = m.get("jsonrpc");
        if (!"2.0".equals(version)) {
            return invalid(id == NO_ID ? null : id, "\"jsonrpc\" must be \"2.0\"");
        }
        Object method = m.get("method");
        if (!(method instanceof String)) {
            return invalid(id == NO_ID ? null : id, "\"method\" must be a string, got " + JsonTypes.name(method));
        }
        Object params = m.get("params");
        if (m.containsKey("params") && !(params instanceof Map || params instanceof List)) {
            return invalid(id == NO_ID ? null : id, "\"params\" must be an object or an array, got "
                    + JsonTypes.name(params));
        }
        return new Call(id, (String) method, params);
    }

    private static boolean isNumber(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof BigInteger || v instanceof BigDecimal
                || v instanceof Double;
    }

    private static Invalid invalid(Object id, String why) {
        return new Invalid(id, new RpcException(RpcErrorCode.INVALID_REQUEST,
                RpcErrorCode.INVALID_REQUEST.title() + ": " + why));
    }
}
