package dev.torrpedo.wire;

/**
 * The 68-byte handshake is not BitTorrent's, names a torrent we do not have, or names
 * another torrent than the one we connected for.
 */
public final class HandshakeException extends WireException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field  the handshake field that failed, such as {@code "pstr"} or {@code "info_hash"}
     * @param detail what was found and what was expected
     */
    public HandshakeException(String field, String detail) {
        super(field, detail);
    }
}
