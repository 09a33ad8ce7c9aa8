package dev.torrpedo.wire;

import dev.torrpedo.wire.internal.Sha1;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The canonical allowed-fast set of BEP 6: the {@code k} pieces a peer at a given address
 * may request while choked. Two peers that offer {@code k} pieces offer the same ones, and
 * {@code k + 1} pieces are those {@code k} and one more.
 *
 * <pre>
 * x = (ip &amp; 0xFFFFFF00) ++ infohash
 * while |a| &lt; k:
 *   x = SHA1(x)
 *   for each of the five 4-byte big-endian words y of x, while |a| &lt; k:
 *     add y mod pieceCount to a, unless already there
 * </pre>
 *
 * BEP 6 defines the set for IPv4 only; for IPv6 we keep the first six bytes (the /48)
 * and zero the rest, which keeps the BEP's intent that neighbours share one set.
 */
public final class AllowedFastSet {
    private AllowedFastSet() {
    }

    /**
     * @param address    the peer's address (the far end of the connection)
     * @param infoHash   the 20 bytes of the handshake's {@code info_hash}
     * @param pieceCount the number of pieces in the torrent, at least 1
     * @param k          how many pieces; capped at {@code pieceCount}
     * @return the piece indices, in the order the algorithm yields them
     */
    public static int[] compute(InetAddress address, byte[] infoHash, int pieceCount, int k) {
        if (pieceCount <= 0) {
            throw new IllegalArgumentException("pieceCount: " + pieceCount + " (expected: > 0)");
        }
        if (infoHash.length != 20) {
            throw new IllegalArgumentException("infoHash: " + infoHash.length + " bytes (expected: 20)");
        }
        byte[] ip = address.getAddress();
        byte[] masked;
        if (address instanceof Inet4Address) {
            masked = Arrays.copyOf(ip, 4);
            masked[3] = 0;
        } else {
            masked = new byte[16];
            System.arraycopy(ip, 0, masked, 0, 6);
        }
        int want = Math.min(Math.max(k, 0), pieceCount);
        int[] set = new int[want];
        int n = 0;
        MessageDigest sha1 = Sha1.newDigest();
        sha1.update(masked);
        sha1.update(infoHash);
        byte[] x = sha1.digest();
        while (n < want) {
            for (int i = 0; i < 5 && n < want; i++) {
                long y = ((x[i * 4] & 0xFFL) << 24) | ((x[i * 4 + 1] & 0xFF) << 16) | ((x[i * 4 + 2] & 0xFF) << 8)
                        | (x[i * 4 + 3] & 0xFF);
                int index = (int) (y % pieceCount);
                if (!contains(set, n, index)) {
                    set[n++] = index;
                }
            }
            if (n < want) {
                x = sha1.digest(x);
            }
        }
        return set;
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int i = 0; i < n; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
