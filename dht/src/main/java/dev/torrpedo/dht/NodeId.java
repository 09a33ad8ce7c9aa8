package dev.torrpedo.dht;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A 160-bit DHT key: a node id, an info-hash used as a lookup target, or the target of a
 * BEP 44 item. Distances are the XOR metric of Kademlia. Immutable.
 */
public final class NodeId implements Comparable<NodeId> {
    /** Length of an id in bytes. */
    public static final int LENGTH = 20;
    /** Length of an id in bits. */
    public static final int BITS = LENGTH * 8;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] id;
    private final int hash;

    private NodeId(byte[] id) {
        this.id = id;
        this.hash = Arrays.hashCode(id);
    }

    /**
     * @return the id made of a copy of these 20 bytes
     * @throws IllegalArgumentException if there are not 20
     */
    public static NodeId of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("node id: " + bytes.length + " bytes (expected: 20)");
        }
        return new NodeId(bytes.clone());
    }

    /** @return the id made of a copy of {@code bytes[off, off + 20)} */
    public static NodeId of(byte[] bytes, int off) {
        Objects.checkFromIndexSize(off, LENGTH, bytes.length);
        return new NodeId(Arrays.copyOfRange(bytes, off, off + LENGTH));
    }

    /**
     * Parses 40 hex digits.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static NodeId parseHex(String hex) {
        if (hex.length() != 2 * LENGTH || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("node id: '" + hex + "' (expected: 40 hex digits)");
        }
        return new NodeId(HEX.parseHex(hex.toLowerCase(Locale.ROOT)));
    }

    /** @return an id of 160 random bits drawn from {@code random} */
    public static NodeId random(RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new NodeId(b);
    }

    /** @return a copy of the 20 bytes */
    public byte[] bytes() {
        return id.clone();
    }

    /** Copies the 20 bytes into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(id, 0, dst, off, LENGTH);
    }

    /** @return byte {@code i} (0..19), unsigned */
    public int byteAt(int i) {
        return id[i] & 0xff;
    }

    /** @return bit {@code i}, counted from the most significant bit (0..159) */
    public boolean bit(int i) {
        return (id[i >>> 3] & (0x80 >>> (i & 7))) != 0;
    }

    /** @return the XOR distance to {@code other}, as an id */
    public NodeId xor(NodeId other) {
        byte[] d = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            d[i] = (byte) (id[i] ^ other.id[i]);
        }
        return new NodeId(d);
    }

    /**
     * @return the number of leading bits this id shares with {@code other} (160 when equal);
     *         the bucket index of {@code other} in a table centred on this id
     */
    public int commonPrefixLength(NodeId other) {
        for (int i = 0; i < LENGTH; i++) {
            int x = (id[i] ^ other.id[i]) & 0xff;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return BITS;
    }

    /**
     * Compares the distances of {@code a} and {@code b} to this id.
     *
     * @return negative if {@code a} is closer, positive if {@code b} is, 0 if they are equal
     */
    public int compareDistance(NodeId a, NodeId b) {
        for (int i = 0; i < LENGTH; i++) {
            int da = (a.id[i] ^ id[i]) & 0xff;
            int db = (b.id[i] ^ id[i]) & 0xff;
            if (da != db) {
                return da - db;
            }
        }
        return 0;
    }

    /** @return the 40 lower-case hex digits */
    public String hex() {
        return HEX.formatHex(id);
    }

    /** Unsigned big-endian order: the order of ids as 160-bit numbers. */
    @Override
    public int compareTo(NodeId o) {
        return Arrays.compareUnsigned(id, o.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeId n && Arrays.equals(id, n.id);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
