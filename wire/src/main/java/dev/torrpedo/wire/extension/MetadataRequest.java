package dev.torrpedo.wire.extension;

/**
 * {@code ut_metadata} request (BEP 9): {@code d8:msg_typei0e5:piecei<piece>ee}.
 *
 * @param piece which 16 KiB piece of the info dictionary
 */
public record MetadataRequest(int piece) implements ExtensionMessage {
    /** Checks the piece. */
    public MetadataRequest {
        Metadata.checkPiece(piece);
    }

    @Override
    public String name() {
        return UT_METADATA;
    }
}
