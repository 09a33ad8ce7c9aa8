package dev.torrpedo.wire.extension;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One peer in a {@link Pex} message: an IPv4 or IPv6 address with its port, and the BEP 11
 * flags the sender knows about it ({@code 0} for dropped peers).
 *
 * @param address an unresolved-free address (built from bytes, never looked up)
 * @param flags   the {@code added.f}/{@code added6.f} byte
 */
public record PexPeer(InetSocketAddress address, int flags) {
    /** The peer prefers encrypted connections. */
    public static final int PREFERS_ENCRYPTION = 0x01;
    /** The peer is a seed, or upload-only. */
    public static final int SEED = 0x02;
    /** The peer supports uTP. */
    public static final int UTP = 0x04;
    /** The peer supports the holepunch extension (BEP 55). */
    public static final int HOLEPUNCH = 0x08;
    /** The sender reached the peer with an outgoing connection. */
    public static final int REACHABLE = 0x10;

    /** Checks the address and the flags' range. */
    public PexPeer {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address: " + address + " (expected: a resolved IP address)");
        }
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("flags: " + flags + " (expected: 0..255)");
        }
    }

    /** @return whether every bit of {@code flag} is set */
    public boolean has(int flag) {
        return (flags & flag) == flag;
    }
}
