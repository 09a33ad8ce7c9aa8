package dev.torrpedo.dht.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The peers announced for one info-hash, one per IP (BEP 33), in parallel primitive arrays
 * so that a full store (2000 torrents of 500 peers) stays near 28 bytes a peer.
 * Loop-confined.
 */
final class Swarm {
    private static final int SEED = 1 << 16;
    private static final int V6 = 1 << 17;

    private long[] hi = new long[4];
    private long[] lo = new long[4];
    private int[] portFlags = new int[4];
    private long[] seen = new long[4];
    private int size;

    /**
     * Adds or refreshes the peer at {@code ip}. A full swarm drops its least recently
     * announced peer.
     */
    void announce(InetAddress ip, int port, boolean seed, long now, int capacity) {
        byte[] a = ip.getAddress();
        long h = high(a);
        long l = low(a);
        int flags = port | (seed ? SEED : 0) | (a.length == 16 ? V6 : 0);
        int i = indexOf(h, l, a.length == 16);
        if (i < 0) {
            if (size >= capacity) {
                i = oldest();
            } else {
                if (size == hi.length) {
                    int n = Math.min(capacity, size * 2);
                    hi = Arrays.copyOf(hi, n);
                    lo = Arrays.copyOf(lo, n);
                    portFlags = Arrays.copyOf(portFlags, n);
                    seen = Arrays.copyOf(seen, n);
                }
                i = size++;
            }
        }
        hi[i] = h;
        lo[i] = l;
        portFlags[i] = flags;
        seen[i] = now;
    }

    /** Drops peers last announced before {@code cutoff}. @return how many remain */
    int purge(long cutoff) {
        int j = 0;
        for (int i = 0; i < size; i++) {
            if (seen[i] >= cutoff) {
                hi[j] = hi[i];
                lo[j] = lo[i];
                portFlags[j] = portFlags[i];
                seen[j] = seen[i];
                j++;
            }
        }
        size = j;
        return size;
    }

    int size() {
        return size;
    }

    /**
     * @return up to {@code max} random peers of one family, non-seeds first when
     *         {@code noSeed}
     */
    List<InetSocketAddress> sample(int max, boolean v6, boolean noSeed, RandomGenerator random) {
        int[] order = new int[size];
        int n = 0;
        int preferred = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < size; i++) {
                boolean isV6 = (portFlags[i] & V6) != 0;
                boolean isSeed = (portFlags[i] & SEED) != 0;
                // pass 0 takes the preferred peers (non-seeds when noSeed, else all), pass 1 the rest
                boolean first = !noSeed || !isSeed;
                if (isV6 == v6 && first == (pass == 0)) {
                    order[n++] = i;
                }
            }
            if (pass == 0) {
                preferred = n;
            }
        }
        int take = Math.min(max, n);
        // a partial Fisher-Yates shuffle, within the preferred group first, then within the rest
        for (int k = 0; k < take; k++) {
            int groupEnd = k < preferred ? preferred : n;
            int j = k + random.nextInt(groupEnd - k);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
        List<InetSocketAddress> out = new ArrayList<>(take);
        for (int k = 0; k < take; k++) {
            out.add(address(order[k]));
        }
        return out;
    }

    /** @return the BEP 33 bloom filter of the seeds ({@code seeds}) or of the other peers */
    BloomFilter bloom(boolean seeds) {
        BloomFilter f = new BloomFilter();
        for (int i = 0; i < size; i++) {
            if (((portFlags[i] & SEED) != 0) == seeds) {
                f.insert(ip(i));
            }
        }
        return f;
    }

    private int indexOf(long h, long l, boolean v6) {
        for (int i = 0; i < size; i++) {
            if (hi[i] == h && lo[i] == l && ((portFlags[i] & V6) != 0) == v6) {
                return i;
            }
        }
        return -1;
    }

    private int oldest() {
        int o = 0;
        for (int i = 1; i < size; i++) {
            if (seen[i] < seen[o]) {
                o = i;
            }
        }
        return o;
    }

    private byte[] ip(int i) {
        boolean v6 = (portFlags[i] & V6) != 0;
        byte[] a = new byte[v6 ? 16 : 4];
        if (v6) {
            for (int k = 0; k < 8; k++) {
                a[k] = (byte) (hi[i] >>> (56 - 8 * k));
                a[8 + k] = (byte) (lo[i] >>> (56 - 8 * k));
            }
        } else {
            for (int k = 0; k < 4; k++) {
                a[k] = (byte) (hi[i] >>> (24 - 8 * k));
            }
        }
        return a;
    }

    private InetSocketAddress address(int i) {
        try {
            byte[] a = ip(i);
            InetAddress ip = a.length == 4 ? Inet4Address.getByAddress(a) : java.net.Inet6Address.getByAddress(null, a, null);
            return new InetSocketAddress(ip, portFlags[i] & 0xffff);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    private static long high(byte[] a) {
        long v = 0;
        int n = a.length == 4 ? 4 : 8;
        for (int k = 0; k < n; k++) {
            v = (v << 8) | (a[k] & 0xff);
        }
        return v;
    }

    private static long low(byte[] a) {
        if (a.length == 4) {
            return 0;
        }
        long v = 0;
        for (int k = 8; k < 16; k++) {
            v = (v << 8) | (a[k] & 0xff);
        }
        return v;
    }
}
