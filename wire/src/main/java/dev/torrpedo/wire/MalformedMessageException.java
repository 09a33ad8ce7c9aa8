package dev.torrpedo.wire;

/** A message from the remote peer does not have the layout its BEP gives it. */
public final class MalformedMessageException extends WireException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field  the field that is wrong, such as {@code "have.length"} or {@code "ut_pex.added"}
     * @param detail what was found and what was expected
     */
    public MalformedMessageException(String field, String detail) {
        super(field, detail);
    }
}
