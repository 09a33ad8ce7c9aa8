package dev.torrpedo.wire.mse;

import dev.torrpedo.wire.WireException;

/**
 * An MSE/PE handshake failed: no synchronisation within the allowed padding, a bad
 * verification constant, an unknown torrent, a bad public key, or no crypto method both
 * policies allow.
 */
public final class EncryptionException extends WireException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field  the handshake step or field, such as {@code "crypto_provide"}
     * @param detail what was found and what was expected
     */
    public EncryptionException(String field, String detail) {
        super(field, detail);
    }
}
