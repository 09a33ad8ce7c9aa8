package dev.torrpedo.engine.internal.lsd;

/**
 * A datagram on the LSD group that is not a valid announce (BEP 14): it names the field and
 * the byte offset where parsing failed.
 */
public final class LsdFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final int offset;

    /**
     * @param field  what was being read: {@code request-line}, {@code header}, {@code Port}, {@code Infohash}, ...
     * @param offset the byte offset in the datagram
     * @param detail what was wrong
     */
    public LsdFormatException(String field, int offset, String detail) {
        super(field + " at offset " + offset + ": " + detail);
        this.field = field;
        this.offset = offset;
    }

    /** @return the field that failed */
    public String field() {
        return field;
    }

    /** @return the byte offset where it failed */
    public int offset() {
        return offset;
    }
}
