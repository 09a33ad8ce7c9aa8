package dev.torrpedo.tracker.internal;

import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import dev.torrpedo.tracker.codec.CompactPeers;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Which tracker addresses may be contacted: the SSRF guard of the tracker clients. */
public final class AddressPolicy {
    private AddressPolicy() {
    }

    /**
     * @return whether {@code address} is loopback, private (RFC 1918, carrier-grade NAT,
     *         IPv6 unique-local), link-local, unspecified or multicast
     */
    public static boolean isLocal(InetAddress address) {
        InetAddress a = CompactPeers.normalize(address);
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // 0/8, 100.64/10
                    || (first == 169 && second == 254);
        }
        return a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc; // fc00::/7
    }

    /**
     * Fails unless the tracker at {@code address} may be contacted.
     *
     * @param allowLocal      whether local addresses are allowed at all (the setting)
     * @param redirectedFromPublic whether a public tracker redirected us here
     */
    static void check(InetAddress address, boolean allowLocal, boolean redirectedFromPublic) {
        if (!isLocal(address)) {
            return;
        }
        if (redirectedFromPublic) {
            throw TrackerException.of(TrackerError.FORBIDDEN_ADDRESS,
                    "a public tracker redirected to the local address " + address.getHostAddress());
        }
        if (!allowLocal) {
            throw TrackerException.of(TrackerError.FORBIDDEN_ADDRESS, "local tracker address "
                    + address.getHostAddress() + " (allowed only with TrackerSettings.allowLocalTrackers)");
        }
    }
}
