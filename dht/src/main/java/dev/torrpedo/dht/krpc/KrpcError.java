package dev.torrpedo.dht.krpc;

/**
 * An error: {@code y=e}, {@code e} a list of a code and a message.
 *
 * @param transactionId the transaction id {@code t} of the query refused
 * @param code          the error code (BEP 5: 201-204; BEP 44: 205-207, 301, 302)
 * @param message       the human-readable message
 */
public record KrpcError(byte[] transactionId, int code, String message) implements KrpcMessage {
    /** BEP 5: a generic error. */
    public static final int GENERIC = 201;
    /** BEP 5: a server error. */
    public static final int SERVER = 202;
    /** BEP 5: a protocol error (malformed packet, invalid arguments, bad token). */
    public static final int PROTOCOL = 203;
    /** BEP 5: method unknown. */
    public static final int METHOD_UNKNOWN = 204;
    /** BEP 44: message ({@code v}) too big. */
    public static final int MESSAGE_TOO_BIG = 205;
    /** BEP 44: invalid signature. */
    public static final int INVALID_SIGNATURE = 206;
    /** BEP 44: salt too big. */
    public static final int SALT_TOO_BIG = 207;
    /** BEP 44: the CAS mismatched. */
    public static final int CAS_MISMATCH = 301;
    /** BEP 44: sequence number less than current. */
    public static final int SEQUENCE_TOO_LOW = 302;

    @Override
    public Type type() {
        return Type.ERROR;
    }
}
