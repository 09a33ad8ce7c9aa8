package dev.torrpedo.wire.mse;

/**
 * Whether connections use MSE/PE (message stream encryption), as libtorrent's
 * {@code enc_policy} and Transmission's encryption setting.
 *
 * <table>
 * <caption>What each policy does</caption>
 * <tr><th>policy</th><th>outbound</th><th>inbound</th></tr>
 * <tr><td>{@link #PLAINTEXT}</td><td>plain handshake</td><td>plain handshakes only</td></tr>
 * <tr><td>{@link #PREFER}</td><td>MSE, offering RC4 and plaintext</td>
 *     <td>plain handshakes, or MSE selecting RC4 when offered, else plaintext</td></tr>
 * <tr><td>{@link #REQUIRE}</td><td>MSE, offering RC4 only</td><td>MSE with RC4 only</td></tr>
 * </table>
 */
public enum EncryptionPolicy {
    /** Never encrypt. */
    PLAINTEXT,
    /** Encrypt when the peer can; accept plaintext. */
    PREFER,
    /** Encrypt everything with RC4; refuse anything else. */
    REQUIRE
}
