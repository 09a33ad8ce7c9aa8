package dev.torrpedo.dht.routing;

import dev.torrpedo.dht.NodeId;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32C;

/**
 * BEP 42 node ids: the first 21 bits are those of {@code crc32c((ip & mask) | (r << 29))}
 * (IPv4; for IPv6 the high 64 bits, mask and {@code r << 61}), and the last byte holds
 * {@code r} in its low three bits.
 */
public final class SecureNodeIds {
    private static final byte[] V4_MASK = {0x03, 0x0f, 0x3f, (byte) 0xff};
    private static final byte[] V6_MASK = {0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, (byte) 0xff};

    private SecureNodeIds() {
    }

    /** @return a fresh id valid for {@code externalIp}, its random parts drawn from {@code random} */
    public static NodeId generate(InetAddress externalIp, RandomGenerator random) {
        byte[] id = new byte[NodeId.LENGTH];
        random.nextBytes(id);
        int r = id[19] & 0x7;
        int crc = crc(externalIp, r);
        id[0] = (byte) (crc >>> 24);
        id[1] = (byte) (crc >>> 16);
        id[2] = (byte) (((crc >>> 8) & 0xf8) | (id[2] & 0x7));
        return NodeId.of(id);
    }

    /** @return whether {@code id} is valid for {@code ip} by BEP 42 (the local exemption is the caller's choice) */
    public static boolean matches(NodeId id, InetAddress ip) {
        int crc = crc(ip, id.byteAt(19) & 0x7);
        return id.byteAt(0) == ((crc >>> 24) & 0xff)
                && id.byteAt(1) == ((crc >>> 16) & 0xff)
                && (id.byteAt(2) & 0xf8) == ((crc >>> 8) & 0xf8);
    }

    /**
     * @return whether {@code id} counts as verified for {@code ip}: it matches, or the address
     *         is local and {@code exemptLocal} holds
     */
    public static boolean verified(NodeId id, InetAddress ip, boolean exemptLocal) {
        return (exemptLocal && AddressClass.isLocal(ip)) || matches(id, ip);
    }

    private static int crc(InetAddress ip, int r) {
        byte[] addr = ip.getAddress();
        boolean v4 = ip instanceof Inet4Address;
        byte[] mask = v4 ? V4_MASK : V6_MASK;
        byte[] masked = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            masked[i] = (byte) (addr[i] & mask[i]);
        }
        masked[0] |= (byte) (r << 5); // r << 29 of 32 bits, r << 61 of 64 bits
        CRC32C c = new CRC32C();
        c.update(masked);
        return (int) c.getValue();
    }
}
