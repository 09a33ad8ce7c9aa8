package dev.torrpedo.wire.extension;

/**
 * A decoded BEP 10 extension message: the payload of a
 * {@link dev.torrpedo.wire.PeerMessage.Extended}. {@link ExtensionCodec} turns one into the
 * other. Dispatch on {@link #name()} or with {@code instanceof}.
 */
public sealed interface ExtensionMessage
        permits ExtendedHandshake, MetadataRequest, MetadataData, MetadataReject, Pex, DontHave, UploadOnly, Holepunch {

    /** The name of the extended handshake, which always has extended id 0. */
    String HANDSHAKE = "handshake";
    /** BEP 9. */
    String UT_METADATA = "ut_metadata";
    /** BEP 11. */
    String UT_PEX = "ut_pex";
    /** BEP 54. */
    String LT_DONTHAVE = "lt_donthave";
    /** BEP 21. */
    String UPLOAD_ONLY = "upload_only";
    /** BEP 55. */
    String UT_HOLEPUNCH = "ut_holepunch";

    /** @return the extension's name in the {@code m} dictionary, or {@link #HANDSHAKE} */
    String name();
}
