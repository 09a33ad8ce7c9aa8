package dev.torrpedo.dht.routing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** What kind of address an IP is: local (exempt from BEP 42) or not globally routable. */
public final class AddressClass {
    private AddressClass() {
    }

    /**
     * BEP 42's local network addresses, exempt from node id verification: 10/8, 172.16/12,
     * 192.168/16, 169.254/16, 127/8 (and for IPv6 loopback, link-local and unique-local).
     */
    public static boolean isLocal(InetAddress ip) {
        if (ip instanceof Inet4Address) {
            byte[] b = ip.getAddress();
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            return a0 == 10 || a0 == 127 || (a0 == 172 && (a1 & 0xf0) == 16)
                    || (a0 == 192 && a1 == 168) || (a0 == 169 && a1 == 254);
        }
        byte[] b = ip.getAddress();
        return ip.isLoopbackAddress() || ip.isLinkLocalAddress() || (b[0] & 0xfe) == 0xfc;
    }

    /**
     * Whether {@code ip} can be a node on the public Internet ("dark internet" in libtorrent's
     * terms): not unspecified, loopback, private, link-local, shared (100.64/10),
     * documentation, benchmarking, multicast or reserved.
     */
    public static boolean isGloballyRoutable(InetAddress ip) {
        if (ip.isAnyLocalAddress() || ip.isMulticastAddress() || isLocal(ip)) {
            return false;
        }
        byte[] b = ip.getAddress();
        if (ip instanceof Inet4Address) {
            int a0 = b[0] & 0xff;
            int a1 = b[1] & 0xff;
            int a2 = b[2] & 0xff;
            return a0 != 0 && a0 < 224
                    && !(a0 == 100 && (a1 & 0xc0) == 64)
                    && !(a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                    && !(a0 == 198 && (a1 & 0xfe) == 18)
                    && !(a0 == 198 && a1 == 51 && a2 == 100)
                    && !(a0 == 203 && a1 == 0 && a2 == 113);
        }
        if (ip instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
            return false;
        }
        // global unicast is 2000::/3; 2001:db8::/32 is documentation
        return (b[0] & 0xe0) == 0x20 && !((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01
                && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8);
    }

    /** @return the /24 (IPv4) or /64 (IPv6) prefix of {@code ip}, as a comparable key */
    public static long subnet(InetAddress ip) {
        byte[] b = ip.getAddress();
        long key = 0;
        int n = b.length == 4 ? 3 : 8;
        for (int i = 0; i < n; i++) {
            key = (key << 8) | (b[i] & 0xff);
        }
        return b.length == 4 ? key : key ^ 0x8000_0000_0000_0000L;
    }
}
