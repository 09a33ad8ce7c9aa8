package dev.torrpedo.metainfo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * BEP 52 merkle trees: SHA-256 over 16 KiB blocks, binary, padded on the right.
 *
 * <pre>
 *                root                      leaves: SHA-256 of each 16 KiB block of a file
 *              /      \                    (the last block may be short); leaves past the
 *           h01        h23                 end of the file are 32 zero bytes, and so an
 *          /   \      /   \                all-padding subtree of n leaves hashes to
 *        h0    h1   h2    [0]              {@link #padHash(int) padHash(n)}
 * </pre>
 *
 * A piece's hash (an entry of {@code piece layers}) is the root of the subtree over the
 * piece's blocks: {@code pieceLength / 16 KiB} leaves. A file no longer than one piece has no
 * layer: its {@code pieces root} is the root over its blocks padded to the next power of two.
 * A file's {@code pieces root} is the root over its piece hashes padded with
 * {@code padHash(pieceLength / 16 KiB)} to the next power of two.
 */
public final class Merkle {
    /** Size of a leaf block. */
    public static final int BLOCK_SIZE = 16 * 1024;
    /** Size of a SHA-256 hash. */
    public static final int HASH_SIZE = 32;

    private static final int MAX_LEVELS = 63;
    private static final byte[][] PADS = new byte[MAX_LEVELS + 1][];

    static {
        PADS[0] = new byte[HASH_SIZE];
        MessageDigest md = sha256();
        for (int i = 1; i <= MAX_LEVELS; i++) {
            md.update(PADS[i - 1]);
            md.update(PADS[i - 1]);
            PADS[i] = md.digest();
        }
    }

    private Merkle() {
    }

    /** @return a new SHA-256 digest */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * @return the root of a subtree of {@code leafCount} zero leaves (a power of two):
     *         32 zero bytes for 1, its hash with itself for 2, and so on
     */
    public static byte[] padHash(int leafCount) {
        return PADS[log2(leafCount)].clone();
    }

    /** @return the smallest power of two {@code >= n} (1 for {@code n <= 1}) */
    public static int nextPowerOfTwo(long n) {
        if (n <= 1) {
            return 1;
        }
        long p = Long.highestOneBit(n - 1) << 1;
        if (p > 1 << 30) {
            throw new IllegalArgumentException("too many leaves: " + n);
        }
        return (int) p;
    }

    /**
     * @return the number of leaves in the tree of one piece of a file of {@code fileLength}
     *         bytes: {@code pieceLength / 16 KiB} if the file spans more than one piece, else
     *         the file's block count rounded up to a power of two
     */
    public static int pieceLeafCount(long fileLength, int pieceLength) {
        if (fileLength > pieceLength) {
            return pieceLength / BLOCK_SIZE;
        }
        return nextPowerOfTwo((fileLength + BLOCK_SIZE - 1) / BLOCK_SIZE);
    }

    /**
     * @return the root over {@code hashes} (each 32 bytes) padded to {@code leafCount} (a
     *         power of two, {@code >= hashes.size()}) with {@code pad} as the value of a
     *         missing node at the hashes' level
     */
    public static byte[] root(List<byte[]> hashes, int leafCount, byte[] pad) {
        byte[] flat = new byte[hashes.size() * HASH_SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            byte[] h = hashes.get(i);
            if (h.length != HASH_SIZE) {
                throw new IllegalArgumentException("hash " + i + ": " + h.length + " bytes (expected: 32)");
            }
            System.arraycopy(h, 0, flat, i * HASH_SIZE, HASH_SIZE);
        }
        return root(flat, 0, hashes.size(), leafCount, pad, sha256());
    }

    /**
     * The root over {@code count} hashes stored back to back in {@code flat} from {@code off}.
     * Works in a copy; {@code flat} is not changed.
     */
    static byte[] root(byte[] flat, int off, int count, int leafCount, byte[] pad, MessageDigest md) {
        if (count > leafCount || Integer.bitCount(leafCount) != 1) {
            throw new IllegalArgumentException("leaf count " + leafCount + " for " + count + " hashes");
        }
        if (pad.length != HASH_SIZE) {
            throw new IllegalArgumentException("pad: " + pad.length + " bytes (expected: 32)");
        }
        if (count == 0) {
            return padAbove(pad, log2(leafCount), md);
        }
        byte[] level = Arrays.copyOfRange(flat, off, off + count * HASH_SIZE);
        byte[] levelPad = pad;
        int n = count;
        for (int width = leafCount; width > 1; width >>= 1) {
            int parents = (n + 1) / 2;
            for (int i = 0; i < parents; i++) {
                md.update(level, 2 * i * HASH_SIZE, HASH_SIZE);
                if (2 * i + 1 < n) {
                    md.update(level, (2 * i + 1) * HASH_SIZE, HASH_SIZE);
                } else {
                    md.update(levelPad);
                }
                digestInto(md, level, i * HASH_SIZE);
            }
            md.update(levelPad);
            md.update(levelPad);
            levelPad = md.digest();
            n = parents;
        }
        return Arrays.copyOf(level, HASH_SIZE);
    }

    private static byte[] padAbove(byte[] pad, int levels, MessageDigest md) {
        byte[] h = pad.clone();
        for (int i = 0; i < levels; i++) {
            md.update(h);
            md.update(h);
            h = md.digest();
        }
        return h;
    }

    /**
     * Hashes {@code data} (its remaining bytes; position unchanged) as consecutive 16 KiB
     * blocks, and returns the root over them padded with zero leaves to {@code leafCount}.
     * This is the hash of one v2 piece when {@code leafCount} is
     * {@link #pieceLeafCount(long, int)}.
     */
    public static byte[] blockRoot(ByteBuffer data, int leafCount) {
        MessageDigest md = sha256();
        int blocks = (data.remaining() + BLOCK_SIZE - 1) / BLOCK_SIZE;
        if (blocks > leafCount) {
            throw new IllegalArgumentException(data.remaining() + " bytes need more than " + leafCount + " leaves");
        }
        byte[] leaves = new byte[blocks * HASH_SIZE];
        ByteBuffer d = data.duplicate();
        for (int b = 0; b < blocks; b++) {
            ByteBuffer block = d.slice();
            block.limit(Math.min(BLOCK_SIZE, d.remaining()));
            md.update(block);
            d.position(d.position() + Math.min(BLOCK_SIZE, d.remaining()));
            digestInto(md, leaves, b * HASH_SIZE);
        }
        return root(leaves, 0, blocks, leafCount, PADS[0], md);
    }

    static void digestInto(MessageDigest md, byte[] out, int off) {
        try {
            md.digest(out, off, HASH_SIZE);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 writes 32 bytes", e);
        }
    }

    static byte[] pad(int leafCount) {
        return PADS[log2(leafCount)];
    }

    private static int log2(int powerOfTwo) {
        if (powerOfTwo < 1 || Integer.bitCount(powerOfTwo) != 1) {
            throw new IllegalArgumentException("not a power of two: " + powerOfTwo);
        }
        return Integer.numberOfTrailingZeros(powerOfTwo);
    }
}
