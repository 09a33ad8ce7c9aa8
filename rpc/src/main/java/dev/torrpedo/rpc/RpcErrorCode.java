package dev.torrpedo.rpc;

import java.util.Optional;

/**
 * The error codes a response can carry: the five that JSON-RPC 2.0 defines and the named
 * application errors of Torrpedo in the server range -32000..-32099. The numbers are part of
 * the frontend contract ({@code rpc/README.md}) and never change.
 */
public enum RpcErrorCode {
    /** -32700: the message could not be read: invalid UTF-8 or JSON, nested too deep, or too long. */
    PARSE_ERROR(-32700, "Parse error"),
    /** -32600: valid JSON that is not a request object (or an empty or oversized batch). */
    INVALID_REQUEST(-32600, "Invalid Request"),
    /** -32601: no method of that name. */
    METHOD_NOT_FOUND(-32601, "Method not found"),
    /** -32602: the parameters are missing, unknown or of the wrong type or range. */
    INVALID_PARAMS(-32602, "Invalid params"),
    /** -32603: the engine failed in a way the request did not cause. */
    INTERNAL_ERROR(-32603, "Internal error"),
    /** -32001: the torrent (or file, peer, tracker) named by the request does not exist. */
    NOT_FOUND(-32001, "Not found"),
    /** -32002: the .torrent, magnet link or info dictionary is malformed. */
    INVALID_TORRENT(-32002, "Invalid torrent"),
    /** -32003: the torrent is already in the session. */
    DUPLICATE(-32003, "Duplicate torrent"),
    /** -32004: reading or writing a file failed. */
    IO_ERROR(-32004, "I/O error"),
    /** -32005: a path lies outside the configured roots. */
    PATH_NOT_ALLOWED(-32005, "Path not allowed"),
    /** -32006: the engine is shutting down and takes no new requests. */
    SHUTTING_DOWN(-32006, "Shutting down");

    private final int code;
    private final String title;

    RpcErrorCode(int code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The number sent as {@code error.code}. */
    public int code() {
        return code;
    }

    /** The short title, used as {@code error.message} when nothing more specific is known. */
    public String title() {
        return title;
    }

    /**
     * The constant with this number.
     *
     * @param code an {@code error.code}
     * @return the constant, or empty for a number this version does not define
     */
    public static Optional<RpcErrorCode> of(int code) {
        for (RpcErrorCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
