package dev.torrpedo.dht.krpc;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact encodings of BEP 5 and BEP 32.
 *
 * <pre>
 * peer  IPv4: | ip (4) | port (2) |                     6 bytes
 * peer  IPv6: | ip (16) | port (2) |                   18 bytes
 * node  IPv4: | id (20) | ip (4) | port (2) |          26 bytes
 * node  IPv6: | id (20) | ip (16) | port (2) |         38 bytes
 * </pre>
 * All big-endian.
 */
public final class Compact {
    /** Size of a compact IPv4 peer. */
    public static final int PEER_V4 = 6;
    /** Size of a compact IPv6 peer. */
    public static final int PEER_V6 = 18;
    /** Size of a compact IPv4 node. */
    public static final int NODE_V4 = 26;
    /** Size of a compact IPv6 node. */
    public static final int NODE_V6 = 38;

    private Compact() {
    }

    /** @return the 6- or 18-byte compact form of {@code address} */
    public static byte[] peer(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] out = new byte[ip.length + 2];
        System.arraycopy(ip, 0, out, 0, ip.length);
        out[ip.length] = (byte) (address.getPort() >>> 8);
        out[ip.length + 1] = (byte) address.getPort();
        return out;
    }

    /**
     * @return the address in {@code b[off, off + len)}, {@code len} being 6 or 18
     * @throws IllegalArgumentException for another length
     */
    public static InetSocketAddress peer(byte[] b, int off, int len) {
        if (len != PEER_V4 && len != PEER_V6) {
            throw new IllegalArgumentException("compact peer: " + len + " bytes (expected: 6 or 18)");
        }
        int ipLen = len - 2;
        int port = ((b[off + ipLen] & 0xff) << 8) | (b[off + ipLen + 1] & 0xff);
        return new InetSocketAddress(address(b, off, ipLen), port);
    }

    /** @return the compact node list of {@code contacts} of one family ({@code v6} or not); others are skipped */
    public static byte[] nodes(List<DhtContact> contacts, boolean v6) {
        int size = v6 ? NODE_V6 : NODE_V4;
        int n = 0;
        for (DhtContact c : contacts) {
            if (isV6(c.address()) == v6) {
                n++;
            }
        }
        byte[] out = new byte[n * size];
        int pos = 0;
        for (DhtContact c : contacts) {
            if (isV6(c.address()) != v6) {
                continue;
            }
            c.id().copyTo(out, pos);
            byte[] peer = peer(c.address());
            System.arraycopy(peer, 0, out, pos + NodeId.LENGTH, peer.length);
            pos += size;
        }
        return out;
    }

    /**
     * @return the nodes of a compact list in {@code b[off, off + len)}
     * @throws IllegalArgumentException if {@code len} is not a multiple of the entry size
     */
    public static List<DhtContact> nodes(byte[] b, int off, int len, boolean v6) {
        int size = v6 ? NODE_V6 : NODE_V4;
        if (len % size != 0) {
            throw new IllegalArgumentException("compact nodes: " + len + " bytes (expected: a multiple of " + size + ")");
        }
        List<DhtContact> out = new ArrayList<>(len / size);
        for (int p = off; p < off + len; p += size) {
            out.add(new DhtContact(NodeId.of(b, p), peer(b, p + NodeId.LENGTH, size - NodeId.LENGTH)));
        }
        return out;
    }

    /** @return whether {@code address} is IPv6 (an IPv4-mapped address counts as IPv4) */
    public static boolean isV6(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address;
    }

    private static InetAddress address(byte[] b, int off, int len) {
        byte[] ip = new byte[len];
        System.arraycopy(b, off, ip, 0, len);
        try {
            return len == 4 ? Inet4Address.getByAddress(ip) : Inet6Address.getByAddress(null, ip, null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }
}
