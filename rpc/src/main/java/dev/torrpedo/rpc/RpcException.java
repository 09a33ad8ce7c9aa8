package dev.torrpedo.rpc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON-RPC error: thrown by a method handler (or completing its future exceptionally) to
 * answer with {@code {"code", "message", "data"}}. Unchecked, so handlers stay lambdas.
 *
 * <p>The dispatcher also maps other failures: an {@link IllegalArgumentException} becomes
 * {@link RpcErrorCode#INVALID_PARAMS}, an {@link java.io.IOException} or
 * {@link java.io.UncheckedIOException} {@link RpcErrorCode#IO_ERROR}, anything else
 * {@link RpcErrorCode#INTERNAL_ERROR}.
 */
public final class RpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The data member, a JSON value; not serialised with the exception. */
    private final transient Object data;
    private final RpcErrorCode code;

    /**
     * An error with a message and no data.
     *
     * @param code the error code
     * @param message the human-readable {@code error.message}
     */
    public RpcException(RpcErrorCode code, String message) {
        this(code, message, null, null);
    }

    /**
     * An error with data.
     *
     * @param code the error code
     * @param message the human-readable {@code error.message}
     * @param data the {@code error.data} member: a JSON value (map, list, string, number,
     *     boolean, record) or null for none
     */
    public RpcException(RpcErrorCode code, String message, Object data) {
        this(code, message, data, null);
    }

    /**
     * An error with data and a cause (logged, never sent).
     *
     * @param code the error code
     * @param message the human-readable {@code error.message}
     * @param data the {@code error.data} member or null
     * @param cause the underlying failure or null
     */
    public RpcException(RpcErrorCode code, String message, Object data, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.data = data;
    }

    /** The error code. */
    public RpcErrorCode code() {
        return code;
    }

    /** The {@code error.data} member, or null for none. */
    public Object data() {
        return data;
    }

    /**
     * -32602 with a message naming the parameter that is wrong.
     *
     * @param message what is wrong, e.g. {@code "'savePath' must be a string, got number"}
     * @return the exception
     */
    public static RpcException invalidParams(String message) {
        return new RpcException(RpcErrorCode.INVALID_PARAMS, message);
    }

    /**
     * -32001 for a torrent (or other object) that does not exist.
     *
     * @param kind what was looked for, e.g. {@code "torrent"}
     * @param id the identifier that was not found, e.g. an info-hash hex
     * @return the exception, with {@code data} {@code {"kind", "id"}}
     */
    public static RpcException notFound(String kind, String id) {
        return new RpcException(RpcErrorCode.NOT_FOUND, "no " + kind + " " + id, fields("kind", kind, "id", id));
    }

    /**
     * -32002 for a malformed .torrent, magnet link or info dictionary.
     *
     * @param reason what is wrong with it
     * @return the exception
     */
    public static RpcException invalidTorrent(String reason) {
        return new RpcException(RpcErrorCode.INVALID_TORRENT, reason);
    }

    /**
     * -32003 for a torrent that is already in the session.
     *
     * @param infoHash the info-hash hex of the torrent already there
     * @return the exception, with {@code data} {@code {"id"}}
     */
    public static RpcException duplicate(String infoHash) {
        return new RpcException(RpcErrorCode.DUPLICATE, "torrent " + infoHash + " is already in the session",
                fields("id", infoHash));
    }

    /**
     * -32004 for a failed file operation.
     *
     * @param message what failed
     * @param cause the I/O failure (logged, never sent) or null
     * @return the exception
     */
    public static RpcException ioError(String message, Throwable cause) {
        return new RpcException(RpcErrorCode.IO_ERROR, message, null, cause);
    }

    /**
     * -32005 for a path outside the configured roots.
     *
     * @param path the path as the client sent it
     * @return the exception, with {@code data} {@code {"path"}}
     */
    public static RpcException pathNotAllowed(String path) {
        return new RpcException(RpcErrorCode.PATH_NOT_ALLOWED, "path is outside the allowed roots: " + path,
                fields("path", path));
    }

    private static Map<String, Object> fields(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
