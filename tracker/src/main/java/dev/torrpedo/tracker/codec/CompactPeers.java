package dev.torrpedo.tracker.codec;

import dev.torrpedo.tracker.TrackerException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

/**
 * Compact peer lists: 6 bytes per IPv4 peer (BEP 23) and 18 bytes per IPv6 peer (BEP 7),
 * the address then the port, both in network byte order.
 *
 * <pre>
 * IPv4: +--+--+--+--+--+--+      IPv6: +----- 16 bytes -----+--+--+
 *       | address   |port |            | address            |port |
 *       +--+--+--+--+--+--+            +--------------------+--+--+
 * </pre>
 */
public final class CompactPeers {
    /** Bytes per IPv4 peer. */
    public static final int V4_ENTRY = 6;
    /** Bytes per IPv6 peer. */
    public static final int V6_ENTRY = 18;

    private CompactPeers() {
    }

    /**
     * Decodes {@code len} bytes at {@code off} into {@code out}, up to {@code out}'s size
     * reaching {@code maxPeers}; entries with port 0 are skipped.
     *
     * @param entry     {@link #V4_ENTRY} or {@link #V6_ENTRY}
     * @param field     the field name for the exception
     * @param baseOffset the offset of {@code off} within the whole reply, for the exception
     * @throws TrackerException {@code MALFORMED} if {@code len} is not a multiple of {@code entry}
     */
    public static void decode(byte[] buf, int off, int len, int entry, int maxPeers, Collection<InetSocketAddress> out,
                              String field, long baseOffset) {
        if (entry != V4_ENTRY && entry != V6_ENTRY) {
            throw new IllegalArgumentException("entry: " + entry + " (expected: 6 or 18)");
        }
        if (len % entry != 0) {
            throw TrackerException.malformed(field, baseOffset,
                    "compact peers: " + len + " bytes (expected: a multiple of " + entry + ")");
        }
        int addrLen = entry - 2;
        for (int p = off; p < off + len && out.size() < maxPeers; p += entry) {
            int port = (buf[p + addrLen] & 0xff) << 8 | (buf[p + addrLen + 1] & 0xff);
            if (port == 0) {
                continue;
            }
            byte[] addr = java.util.Arrays.copyOfRange(buf, p, p + addrLen);
            out.add(new InetSocketAddress(address(addr), port));
        }
    }

    /** @return the address of these 4 or 16 bytes (no name lookup) */
    static InetAddress address(byte[] addr) {
        try {
            return InetAddress.getByAddress(addr);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + addr.length + " bytes", e);
        }
    }

    /**
     * @return the compact form of those of {@code peers} that are IPv4 ({@code v6 == false};
     *         IPv4-mapped IPv6 addresses count as IPv4) or IPv6 ({@code v6 == true})
     */
    public static byte[] encode(List<InetSocketAddress> peers, boolean v6) {
        int entry = v6 ? V6_ENTRY : V4_ENTRY;
        int count = 0;
        for (InetSocketAddress p : peers) {
            if (isV6(p.getAddress()) == v6) {
                count++;
            }
        }
        byte[] out = new byte[count * entry];
        int o = 0;
        for (InetSocketAddress p : peers) {
            InetAddress a = p.getAddress();
            if (isV6(a) != v6) {
                continue;
            }
            byte[] raw = a.getAddress();
            System.arraycopy(raw, raw.length - (entry - 2), out, o, entry - 2);
            out[o + entry - 2] = (byte) (p.getPort() >>> 8);
            out[o + entry - 1] = (byte) p.getPort();
            o += entry;
        }
        return out;
    }

    /** @return whether {@code a} is a real IPv6 address (not IPv4, not IPv4-mapped) */
    public static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address && !isV4Mapped(a.getAddress());
    }

    private static boolean isV4Mapped(byte[] b) {
        if (b.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** @return {@code a} as an IPv4 address if it is one or is IPv4-mapped, else itself */
    public static InetAddress normalize(InetAddress a) {
        if (a instanceof Inet4Address || !isV4Mapped(a.getAddress())) {
            return a;
        }
        byte[] b = a.getAddress();
        return address(java.util.Arrays.copyOfRange(b, 12, 16));
    }
}
