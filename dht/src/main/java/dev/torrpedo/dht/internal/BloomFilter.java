package dev.torrpedo.dht.internal;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The BEP 33 scrape bloom filter: 2048 bits, two bit indexes from the first four bytes of
 * SHA-1 of the IP (4 or 16 bytes), little-endian, modulo 2048.
 */
final class BloomFilter {
    static final int BYTES = 256;
    private static final int BITS = BYTES * 8;

    private final byte[] bits;

    BloomFilter() {
        this.bits = new byte[BYTES];
    }

    private BloomFilter(byte[] bits) {
        this.bits = bits;
    }

    /** @return a filter over a copy of these 256 bytes */
    static BloomFilter of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("bloom filter: " + bytes.length + " bytes (expected: 256)");
        }
        return new BloomFilter(bytes.clone());
    }

    void insert(InetAddress ip) {
        insert(ip.getAddress());
    }

    void insert(byte[] ip) {
        byte[] h = sha1(ip);
        set(((h[0] & 0xff) | (h[1] & 0xff) << 8) % BITS);
        set(((h[2] & 0xff) | (h[3] & 0xff) << 8) % BITS);
    }

    /** ORs {@code other} into this filter (the union of the sets). */
    void union(BloomFilter other) {
        for (int i = 0; i < BYTES; i++) {
            bits[i] |= other.bits[i];
        }
    }

    /** @return the BEP 33 estimate of how many items were inserted */
    double estimate() {
        int zeros = 0;
        for (byte b : bits) {
            zeros += 8 - Integer.bitCount(b & 0xff);
        }
        int c = Math.min(BITS - 1, zeros);
        return Math.log(c / (double) BITS) / (2 * Math.log(1 - 1.0 / BITS));
    }

    byte[] toBytes() {
        return bits.clone();
    }

    private void set(int index) {
        bits[index / 8] |= (byte) (1 << (index % 8));
    }

    private static byte[] sha1(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
