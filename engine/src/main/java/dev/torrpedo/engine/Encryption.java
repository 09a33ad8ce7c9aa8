package dev.torrpedo.engine;

/**
 * Whether peer connections are encrypted with MSE/PE (Message Stream Encryption).
 */
public enum Encryption {
    /** Never encrypt; connections that insist on encryption fail. */
    PLAINTEXT,
    /**
     * Offer encryption and accept plaintext: outbound connections start with MSE/PE and are
     * retried once in plaintext when the peer refuses it; inbound connections may use either.
     */
    PREFER,
    /** Only encrypted (RC4) connections, both ways. */
    REQUIRE
}
