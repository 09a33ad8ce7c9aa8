package dev.torrpedo.wire.extension;

/**
 * {@code ut_metadata} reject (BEP 9): {@code d8:msg_typei2e5:piecei<piece>ee}.
 *
 * @param piece the piece the sender will not send
 */
public record MetadataReject(int piece) implements ExtensionMessage {
    /** Checks the piece. */
    public MetadataReject {
        Metadata.checkPiece(piece);
    }

    @Override
    public String name() {
        return UT_METADATA;
    }
}
