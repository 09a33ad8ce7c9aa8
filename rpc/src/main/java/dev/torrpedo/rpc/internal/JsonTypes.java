package dev.torrpedo.rpc.internal;

import java.util.List;
import java.util.Map;

/** The JSON type names used in error messages. */
final class JsonTypes {
    private JsonTypes() {
    }

    /** "object", "array", "string", "number", "boolean" or "null". */
    static String name(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof Map) {
            return "object";
        } else if (v instanceof List) {
            return "array";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Number) {
            return "number";
        } else if (v instanceof Boolean) {
            return "boolean";
        }
        return v.getClass().getSimpleName();
    }
}
