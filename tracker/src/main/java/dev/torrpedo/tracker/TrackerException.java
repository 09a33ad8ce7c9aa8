package dev.torrpedo.tracker;

import java.net.URI;

/**
 * A tracker request that did not succeed. It is about one tracker only: the caller moves on
 * to the next one. Decoders throw it with {@link TrackerError#MALFORMED} and the field or
 * offset that failed; clients add the tracker's URL.
 */
public final class TrackerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final TrackerError error;
    private final transient URI tracker;
    private final String field;
    private final long offset;
    private final String detail;

    /**
     * @param error   what went wrong
     * @param tracker the tracker's URL, or {@code null} when not known (in a decoder)
     * @param field   the reply field or request part involved, or {@code null}
     * @param offset  the byte offset in the reply that failed, or -1
     * @param detail  a human-readable description
     * @param cause   the underlying exception, or {@code null}
     */
    public TrackerException(TrackerError error, URI tracker, String field, long offset, String detail, Throwable cause) {
        super(describe(error, tracker, field, offset, detail), cause);
        this.error = error;
        this.tracker = tracker;
        this.field = field;
        this.offset = offset;
        this.detail = detail;
    }

    /** @return an exception without tracker, field or offset */
    public static TrackerException of(TrackerError error, String detail) {
        return new TrackerException(error, null, null, -1, detail, null);
    }

    /** @return a {@link TrackerError#MALFORMED} exception about {@code field} at {@code offset} */
    public static TrackerException malformed(String field, long offset, String detail) {
        return new TrackerException(TrackerError.MALFORMED, null, field, offset, detail, null);
    }

    private static String describe(TrackerError error, URI tracker, String field, long offset, String detail) {
        StringBuilder sb = new StringBuilder().append(error).append(": ").append(detail);
        if (field != null) {
            sb.append(" (field '").append(field).append("')");
        }
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        if (tracker != null) {
            sb.append(" [").append(tracker).append(']');
        }
        return sb.toString();
    }

    /** @return the same failure, naming {@code trackerUrl} (this one if it already names it) */
    public TrackerException withTracker(URI trackerUrl) {
        if (tracker != null && tracker.equals(trackerUrl)) {
            return this;
        }
        TrackerException e = new TrackerException(error, trackerUrl, field, offset, detail, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** @return the description without the error, field, offset and tracker */
    public String detail() {
        return detail;
    }

    /** @return what went wrong */
    public TrackerError error() {
        return error;
    }

    /** @return the tracker's URL, or {@code null} */
    public URI tracker() {
        return tracker;
    }

    /** @return the reply field or request part involved, or {@code null} */
    public String field() {
        return field;
    }

    /** @return the byte offset in the reply that failed, or -1 */
    public long offset() {
        return offset;
    }
}
