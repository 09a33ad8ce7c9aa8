package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.RpcException;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The three outbound shapes of JSON-RPC 2.0, as the bytes of one line (without the newline):
 *
 * <pre>
 *   {"jsonrpc":"2.0","id":ID,"result":RESULT}
 *   {"jsonrpc":"2.0","id":ID,"error":{"code":N,"message":"...","data":DATA}}   data optional
 *   {"jsonrpc":"2.0","method":"NAME","params":PARAMS}                          a notification
 * </pre>
 *
 * and a batch response {@code [RESPONSE,RESPONSE,...]}. Thread-safe.
 */
final class Messages {
    private final JsonWriter writer;

    Messages(JsonWriter writer) {
        this.writer = writer;
    }

    JsonWriter writer() {
        return writer;
    }

    /**
     * A success response.
     *
     * @param id the request's id: a String, a Number or null
     * @throws IllegalArgumentException if the result is not a JSON value
     */
    byte[] result(Object id, Object result) {
        return writer.toBytes(g -> {
            g.writeStartObject();
            g.writeStringField("jsonrpc", "2.0");
            g.writeFieldName("id");
            writer.writeValue(g, id);
            g.writeFieldName("result");
            writer.writeValue(g, result);
            g.writeEndObject();
        });
    }

    /** An error response; data that cannot be written is left out rather than failing. */
    byte[] error(Object id, RpcException e) {
        try {
            return error(id, e, true);
        } catch (IllegalArgumentException unwritableData) {
            return error(id, e, false);
        }
    }

    private byte[] error(Object id, RpcException e, boolean withData) {
        return writer.toBytes(g -> {
            g.writeStartObject();
            g.writeStringField("jsonrpc", "2.0");
            g.writeFieldName("id");
            writer.writeValue(g, id);
            g.writeObjectFieldStart("error");
            g.writeNumberField("code", e.code().code());
            g.writeStringField("message", e.getMessage());
            if (withData && e.data() != null) {
                g.writeFieldName("data");
                writer.writeValue(g, e.data());
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * A notification.
     *
     * @throws IllegalArgumentException if the params are not a JSON value
     */
    byte[] notification(String method, Object params) {
        return writer.toBytes(g -> {
            g.writeStartObject();
            g.writeStringField("jsonrpc", "2.0");
            g.writeStringField("method", method);
            if (params != null) {
                g.writeFieldName("params");
                writer.writeValue(g, params);
            }
            g.writeEndObject();
        });
    }

    /** A batch response: the responses, each already one JSON object, in an array. */
    static byte[] batch(List<byte[]> responses) {
        int size = 2 + Math.max(0, responses.size() - 1);
        for (byte[] r : responses) {
            size += r.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        for (int i = 0; i < responses.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(responses.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }
}
