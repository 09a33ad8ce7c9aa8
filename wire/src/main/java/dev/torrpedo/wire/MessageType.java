package dev.torrpedo.wire;

/**
 * The kinds of {@link PeerMessage}, with their message ids and the fixed payload length
 * each has on the wire ({@code -1} where it varies). Switch on {@link PeerMessage#type()}.
 */
public enum MessageType {
    /** A zero-length message (BEP 3); it has no id. */
    KEEP_ALIVE(-1, 0),
    /** BEP 3. */
    CHOKE(0, 0),
    /** BEP 3. */
    UNCHOKE(1, 0),
    /** BEP 3. */
    INTERESTED(2, 0),
    /** BEP 3. */
    NOT_INTERESTED(3, 0),
    /** BEP 3. */
    HAVE(4, 4),
    /** BEP 3. */
    BITFIELD(5, -1),
    /** BEP 3. */
    REQUEST(6, 12),
    /** BEP 3. */
    PIECE(7, -1),
    /** BEP 3. */
    CANCEL(8, 12),
    /** BEP 5: the sender's DHT port. */
    PORT(9, 2),
    /** BEP 6. */
    SUGGEST(13, 4),
    /** BEP 6. */
    HAVE_ALL(14, 0),
    /** BEP 6. */
    HAVE_NONE(15, 0),
    /** BEP 6: reject request. */
    REJECT(16, 12),
    /** BEP 6. */
    ALLOWED_FAST(17, 4),
    /** BEP 10: an extension message, the handshake included. */
    EXTENDED(20, -1),
    /** BEP 52. */
    HASH_REQUEST(21, 48),
    /** BEP 52. */
    HASHES(22, -1),
    /** BEP 52. */
    HASH_REJECT(23, 48),
    /** An id no BEP we speak defines; BEP 3 says to ignore it. */
    UNKNOWN(-1, -1);

    private static final MessageType[] BY_ID = new MessageType[24];

    static {
        for (MessageType t : values()) {
            if (t.id >= 0) {
                BY_ID[t.id] = t;
            }
        }
    }

    private final int id;
    private final int payloadLength;

    MessageType(int id, int payloadLength) {
        this.id = id;
        this.payloadLength = payloadLength;
    }

    /** @return the message id byte, or -1 for {@link #KEEP_ALIVE} and {@link #UNKNOWN} */
    public int id() {
        return id;
    }

    /** @return the payload length after the id byte if it is fixed, else -1 */
    public int payloadLength() {
        return payloadLength;
    }

    /** @return the type with this id, or {@link #UNKNOWN} */
    public static MessageType ofId(int id) {
        MessageType t = id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
        return t == null ? UNKNOWN : t;
    }
}
