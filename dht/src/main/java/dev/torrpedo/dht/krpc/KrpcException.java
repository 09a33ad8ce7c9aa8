package dev.torrpedo.dht.krpc;

/**
 * A datagram that is not a valid KRPC message. Says why, which field failed, at which byte
 * offset (when known), and, when the message was a query whose transaction id could be
 * read, that id, so the node can answer with a BEP 5 error ({@link #errorCode()}).
 *
 * <p>Floods of bad packets make many of these, so they carry no stack trace.
 */
public final class KrpcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a datagram was refused. */
    public enum Reason {
        /** Longer than {@link KrpcLimits#maxPacketSize()}. */
        TOO_LARGE,
        /** Not bencode, or bencode beyond the depth or token limits. */
        MALFORMED,
        /** A required field is absent. */
        MISSING_FIELD,
        /** A field has the wrong type, length or value. */
        INVALID_FIELD,
        /** A query with a method this node does not know. */
        UNKNOWN_METHOD,
        /** A response or error whose transaction id matches no query of ours. */
        UNKNOWN_TRANSACTION
    }

    private final Reason reason;
    private final String field;
    private final long offset;
    private final transient byte[] transactionId;
    private final boolean query;

    /**
     * @param reason        why
     * @param field         the field that failed, or {@code null}
     * @param offset        the byte offset that failed, or -1
     * @param transactionId the query's transaction id, or {@code null}
     * @param query         whether the datagram was a query
     * @param detail        what was wrong
     */
    public KrpcException(Reason reason, String field, long offset, byte[] transactionId, boolean query, String detail) {
        super(reason + (field != null ? " '" + field + "'" : "") + ": " + detail
                + (offset >= 0 ? " at offset " + offset : ""), null, false, false);
        this.reason = reason;
        this.field = field;
        this.offset = offset;
        this.transactionId = transactionId;
        this.query = query;
    }

    /** @return why the datagram was refused */
    public Reason reason() {
        return reason;
    }

    /** @return the field that failed, or {@code null} */
    public String field() {
        return field;
    }

    /** @return the byte offset that failed, or -1 */
    public long offset() {
        return offset;
    }

    /** @return the transaction id of the refused query, or {@code null} when there is none to answer */
    public byte[] transactionId() {
        return query ? transactionId : null;
    }

    /** @return the BEP 5 error code to answer with: 204 for an unknown method, else 203 */
    public int errorCode() {
        return reason == Reason.UNKNOWN_METHOD ? KrpcError.METHOD_UNKNOWN : KrpcError.PROTOCOL;
    }
}
