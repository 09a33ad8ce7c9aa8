package dev.torrpedo.wire;

import java.util.HexFormat;

/**
 * The eight reserved bytes of the handshake, as one big-endian {@code long}: byte 0 of the
 * wire is the most significant. Immutable; the {@code with} methods return a copy.
 *
 * <pre>
 *  byte:   0    1    2    3    4    5    6    7
 *                               0x10           0x10 0x04 0x01
 *                               BEP 10         BEP 52 upgrade, BEP 6 fast, BEP 5 DHT
 * </pre>
 *
 * @param bits the 64 bits as they appear on the wire
 */
public record Reserved(long bits) {
    /** No bits set. */
    public static final Reserved NONE = new Reserved(0);

    /** BEP 10, the extension protocol: bit 0x10 of byte 5. */
    public static final long EXTENSION_PROTOCOL = 0x10L << 16;
    /** BEP 52, upgrade a hybrid torrent's connection to v2: bit 0x10 of byte 7. */
    public static final long V2_UPGRADE = 0x10L;
    /** BEP 6, the fast extension: bit 0x04 of byte 7. */
    public static final long FAST = 0x04L;
    /** BEP 5, the DHT (the peer sends {@code port}): bit 0x01 of byte 7. */
    public static final long DHT = 0x01L;

    /** @return whether the extension protocol (BEP 10) is announced */
    public boolean extensionProtocol() {
        return has(EXTENSION_PROTOCOL);
    }

    /** @return whether the fast extension (BEP 6) is announced */
    public boolean fast() {
        return has(FAST);
    }

    /** @return whether the DHT (BEP 5) is announced */
    public boolean dht() {
        return has(DHT);
    }

    /** @return whether the v2 upgrade of a hybrid torrent (BEP 52) is announced */
    public boolean v2Upgrade() {
        return has(V2_UPGRADE);
    }

    /** @return whether every bit of {@code mask} is set */
    public boolean has(long mask) {
        return (bits & mask) == mask;
    }

    /** @return a copy with the bits of {@code mask} set or cleared */
    public Reserved with(long mask, boolean on) {
        return new Reserved(on ? bits | mask : bits & ~mask);
    }

    /** @return the bits both sides set: what a connection may use */
    public Reserved and(Reserved other) {
        return new Reserved(bits & other.bits);
    }

    @Override
    public String toString() {
        return "Reserved[" + HexFormat.of().toHexDigits(bits) + "]";
    }
}
