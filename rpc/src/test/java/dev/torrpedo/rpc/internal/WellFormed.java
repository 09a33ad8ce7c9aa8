package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.RpcErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks that something the server wrote is a JSON-RPC 2.0 response, batch response or notification. */
final class WellFormed {
    private WellFormed() {
    }

    static void check(Object json) {
        if (json instanceof List) {
            List<?> batch = (List<?>) json;
            require(!batch.isEmpty(), "an empty batch response");
            for (Object r : batch) {
                response(r);
            }
            return;
        }
        require(json instanceof Map, "not an object: " + json);
        if (((Map<?, ?>) json).containsKey("method")) {
            Map<?, ?> n = (Map<?, ?>) json;
            require("2.0".equals(n.get("jsonrpc")) && n.get("method") instanceof String && !n.containsKey("id"),
                    "bad notification " + n);
            return;
        }
        response(json);
    }

    private static void response(Object r) {
        require(r instanceof Map, "not an object: " + r);
        Map<?, ?> m = (Map<?, ?>) r;
        require("2.0".equals(m.get("jsonrpc")), "no jsonrpc 2.0: " + m);
        require(m.containsKey("id"), "no id: " + m);
        Object id = m.get("id");
        require(id == null || id instanceof String || id instanceof Number, "bad id: " + id);
        require(m.containsKey("result") != m.containsKey("error"), "result xor error: " + m);
        require(Set.of("jsonrpc", "id", "result", "error").containsAll(m.keySet()), "extra members: " + m.keySet());
        if (m.containsKey("error")) {
            Map<?, ?> e = (Map<?, ?>) m.get("error");
            require(e.get("code") instanceof Integer && RpcErrorCode.of((Integer) e.get("code")).isPresent(),
                    "unknown code " + e);
            require(e.get("message") instanceof String, "no message " + e);
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
