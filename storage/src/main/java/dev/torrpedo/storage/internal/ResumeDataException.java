package dev.torrpedo.storage.internal;

/** A resume file that cannot be used, with the field that failed. */
final class ResumeDataException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    ResumeDataException(String field, String message) {
        this(field, message, null);
    }

    ResumeDataException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    /** @return the field that failed, such as {@code pieces} or {@code files[3]} */
    String field() {
        return field;
    }
}
