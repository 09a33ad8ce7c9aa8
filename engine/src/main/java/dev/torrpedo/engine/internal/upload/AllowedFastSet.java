package dev.torrpedo.engine.internal.upload;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The canonical allowed-fast set of BEP 6: the pieces a peer may download from us while we
 * choke it, derived from its address and the info-hash so that every peer sees the same set
 * for the same address, and a larger set extends a smaller one.
 *
 * <pre>
 *   x = (ip &amp; 0xFFFFFF00) ++ infohash           IPv4: the /24, 4 bytes
 *   while |a| &lt; k:  x = SHA1(x); for each of the five big-endian uint32 y in x:
 *                  add y mod pieces to a unless present
 * </pre>
 *
 * BEP 6 has no provision for IPv6; we hash the /64 (the first 8 of the 16 bytes, the rest
 * zero) the same way, which keeps one set per site as the IPv4 rule intends.
 */
public final class AllowedFastSet {
    /** The set size BEP 6 suggests. */
    public static final int DEFAULT_SIZE = 10;

    private AllowedFastSet() {
    }

    /**
     * @param k        how many pieces (capped at {@code pieces})
     * @param pieces   the torrent's piece count
     * @param infoHash the 20-byte info-hash peers use in the handshake
     * @param address  the peer's address (the far end of the connection)
     * @return the piece indices, in the order the algorithm yields them
     */
    public static int[] compute(int k, int pieces, byte[] infoHash, InetAddress address) {
        if (pieces <= 0) {
            throw new IllegalArgumentException("pieces: " + pieces + " (expected: > 0)");
        }
        if (infoHash.length != 20) {
            throw new IllegalArgumentException("infoHash: " + infoHash.length + " bytes (expected: 20)");
        }
        byte[] ip = address.getAddress();
        byte[] masked;
        if (address instanceof Inet4Address) {
            masked = new byte[] {ip[0], ip[1], ip[2], 0};
        } else {
            masked = Arrays.copyOf(Arrays.copyOf(ip, 8), 16);
        }
        byte[] x = new byte[masked.length + 20];
        System.arraycopy(masked, 0, x, 0, masked.length);
        System.arraycopy(infoHash, 0, x, masked.length, 20);
        int want = Math.min(Math.max(0, k), pieces);
        int[] a = new int[want];
        int n = 0;
        MessageDigest sha1 = sha1();
        while (n < want) {
            x = sha1.digest(x);
            for (int i = 0; i < 5 && n < want; i++) {
                long y = ((x[i * 4] & 0xFFL) << 24) | ((x[i * 4 + 1] & 0xFF) << 16) | ((x[i * 4 + 2] & 0xFF) << 8)
                        | (x[i * 4 + 3] & 0xFF);
                int index = (int) (y % pieces);
                if (!contains(a, n, index)) {
                    a[n++] = index;
                }
            }
        }
        return a;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
