package dev.torrpedo.bencode;

/**
 * Malformed or unexpected bencode. Carries the {@link BencodeError}, the byte offset where
 * decoding failed (relative to the start of the decoded range) and, for typed getters, the
 * dictionary key that was asked for.
 */
public final class BencodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final BencodeError error;
    private final long offset;
    private final String key;
    private final String detail;

    /**
     * @param error  what went wrong
     * @param offset the byte offset that failed, or -1 when there is none
     * @param key    the dictionary key involved, or {@code null}
     * @param detail a human-readable description, without the offset
     */
    public BencodeException(BencodeError error, long offset, String key, String detail) {
        super(detail + (key != null ? " (key '" + key + "')" : "") + (offset >= 0 ? " at offset " + offset : ""));
        this.error = error;
        this.offset = offset;
        this.key = key;
        this.detail = detail;
    }

    static BencodeException at(BencodeError error, long offset, String detail) {
        return new BencodeException(error, offset, null, detail);
    }

    /** @return what went wrong */
    public BencodeError error() {
        return error;
    }

    /** @return the byte offset that failed, relative to the decoded range, or -1 */
    public long offset() {
        return offset;
    }

    /** @return the description alone, without the offset and key the message adds */
    public String detail() {
        return detail;
    }

    /** @return the dictionary key a typed getter was asked for, or {@code null} */
    public String key() {
        return key;
    }
}
