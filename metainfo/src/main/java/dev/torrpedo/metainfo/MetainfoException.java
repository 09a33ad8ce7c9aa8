package dev.torrpedo.metainfo;

import java.util.Objects;

/**
 * A .torrent file, an info dictionary or a magnet link that cannot be used. Carries what
 * went wrong ({@link #error()}), the field that failed ({@link #field()}, for example
 * {@code info.files[3].length} or {@code info.file tree/dir/a.bin} or, for magnet links,
 * the parameter name such as {@code xt}) and, where it applies, the byte offset in the
 * input ({@link #offset()}).
 */
public final class MetainfoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final MetainfoError error;
    private final String field;
    private final long offset;

    /**
     * @param error  what went wrong
     * @param field  the field that failed ({@code ""} for the whole input)
     * @param offset the byte offset in the input, or -1 when there is none
     * @param detail a human-readable description
     * @param cause  the underlying failure, or {@code null}
     */
    public MetainfoException(MetainfoError error, String field, long offset, String detail, Throwable cause) {
        super(message(error, field, offset, detail), cause);
        this.error = Objects.requireNonNull(error, "error");
        this.field = Objects.requireNonNull(field, "field");
        this.offset = offset;
    }

    /** A failure without an offset or a cause. */
    public MetainfoException(MetainfoError error, String field, String detail) {
        this(error, field, -1, detail, null);
    }

    private static String message(MetainfoError error, String field, long offset, String detail) {
        StringBuilder sb = new StringBuilder(error.name()).append(": ").append(detail);
        if (!field.isEmpty()) {
            sb.append(" (field '").append(field).append("')");
        }
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        return sb.toString();
    }

    /** @return what went wrong */
    public MetainfoError error() {
        return error;
    }

    /** @return the field that failed, {@code ""} when the input as a whole failed */
    public String field() {
        return field;
    }

    /** @return the byte offset in the input where the failing value starts, or -1 */
    public long offset() {
        return offset;
    }
}
