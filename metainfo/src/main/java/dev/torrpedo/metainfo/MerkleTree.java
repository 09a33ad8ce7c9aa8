package dev.torrpedo.metainfo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The upper part of one file's BEP 52 merkle tree, from a base layer (usually the piece
 * layer) up to the root, kept whole so that {@code hash request}s can be answered with their
 * proof ("uncle") hashes, and the static {@link #proofRoot} that checks such an answer.
 *
 * <pre>
 *   level h (root)                 R
 *                         ________/ \________
 *   level 2             A                    B      &lt;- uncle of [4,8) at level 2 is A
 *                     /   \                /   \
 *   level 1          a     b             c      d   &lt;- requested [4,8) spans c,d: no uncle here
 *                   / \   / \           / \    / \
 *   level 0 (base) 0   1 2   3         4   5  6   7 &lt;- the base layer; past its count: pad hashes
 * </pre>
 *
 * A request names {@code index} and {@code length} in the base layer (length a power of two
 * from 2, index a multiple of it) and {@code proofLayers}: the answer is the {@code length} base
 * hashes, then one uncle per level from {@code log2(length)} to {@code proofLayers}, lowest
 * first ({@link #uncleCount}). Levels below {@code log2(length)} are omitted because the
 * base hashes themselves rebuild them (BEP 52). With {@code proofLayers = height - 1} the
 * answer proves the hashes against the root.
 *
 * <p>Immutable and thread-safe. Memory: about 64 bytes per base hash.
 */
public final class MerkleTree {
    /** The most base hashes one request may ask for (libtorrent's limit; BEP 52 says 512 SHOULD do). */
    public static final int MAX_REQUEST_LENGTH = 8192;

    private final int count;
    private final int width;
    private final int height;
    /** Level k (0 = base) of width {@code width >> k} starts at {@code offsets[k]} hashes into {@link #nodes}. */
    private final int[] offsets;
    private final byte[] nodes;

    private MerkleTree(int count, int width, int height, int[] offsets, byte[] nodes) {
        this.count = count;
        this.width = width;
        this.height = height;
        this.offsets = offsets;
        this.nodes = nodes;
    }

    /**
     * Builds the tree over a layer: {@code count} hashes (32 bytes each, the buffer's remaining
     * bytes from its position, left unchanged), padded on the right with {@code pad} to the
     * next power of two.
     *
     * @param layer the hashes of the base layer, back to back
     * @param pad   the value of a node past the end at the base level: for a piece layer
     *              {@link Merkle#padHash(int) padHash(pieceLength / 16 KiB)}, for leaves zeros
     * @throws IllegalArgumentException if the layer is empty or not a whole number of hashes
     */
    public static MerkleTree of(ByteBuffer layer, byte[] pad) {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(pad, "pad");
        if (layer.remaining() == 0 || layer.remaining() % Merkle.HASH_SIZE != 0) {
            throw new IllegalArgumentException("layer: " + layer.remaining() + " bytes (expected: a positive multiple of 32)");
        }
        if (pad.length != Merkle.HASH_SIZE) {
            throw new IllegalArgumentException("pad: " + pad.length + " bytes (expected: 32)");
        }
        int count = layer.remaining() / Merkle.HASH_SIZE;
        int width = Merkle.nextPowerOfTwo(count);
        int height = Integer.numberOfTrailingZeros(width);
        int[] offsets = new int[height + 1];
        int total = 0;
        for (int k = 0; k <= height; k++) {
            offsets[k] = total;
            total += width >> k;
        }
        byte[] nodes = new byte[total * Merkle.HASH_SIZE];
        layer.duplicate().get(nodes, 0, count * Merkle.HASH_SIZE);
        MessageDigest md = Merkle.sha256();
        byte[] levelPad = pad.clone();
        for (int i = count; i < width; i++) {
            System.arraycopy(levelPad, 0, nodes, i * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
        }
        for (int k = 1; k <= height; k++) {
            int below = offsets[k - 1];
            int here = offsets[k];
            for (int i = 0; i < width >> k; i++) {
                md.update(nodes, (below + 2 * i) * Merkle.HASH_SIZE, 2 * Merkle.HASH_SIZE);
                Merkle.digestInto(md, nodes, (here + i) * Merkle.HASH_SIZE);
            }
        }
        return new MerkleTree(count, width, height, offsets, nodes);
    }

    /** @return how many real (not padding) hashes the base layer has */
    public int count() {
        return count;
    }

    /** @return the base layer's width: {@link #count()} rounded up to a power of two */
    public int width() {
        return width;
    }

    /** @return the levels above the base: {@code log2(width())}; 0 for a one-hash layer */
    public int height() {
        return height;
    }

    /** @return a copy of the root */
    public byte[] root() {
        return node(height, 0);
    }

    /** @return a copy of node {@code index} of level {@code level} (0 = base) */
    public byte[] node(int level, int index) {
        if (level < 0 || level > height || index < 0 || index >= width >> level) {
            throw new IllegalArgumentException("node " + level + "/" + index + " (expected: level 0.." + height
                    + ", index 0.." + ((width >> Math.max(0, Math.min(level, height))) - 1) + ")");
        }
        int at = (offsets[level] + index) * Merkle.HASH_SIZE;
        return Arrays.copyOfRange(nodes, at, at + Merkle.HASH_SIZE);
    }

    /**
     * @return how many uncle hashes follow the base hashes in an answer to a request for
     *         {@code length} hashes with {@code proofLayers}: {@code max(0, proofLayers -
     *         log2(length) + 1)}
     * @throws IllegalArgumentException unless {@code length} is a positive power of two and
     *         {@code proofLayers >= 0}
     */
    public static int uncleCount(int length, int proofLayers) {
        checkLength(length);
        if (proofLayers < 0) {
            throw new IllegalArgumentException("proofLayers: " + proofLayers + " (expected: >= 0)");
        }
        return Math.max(0, proofLayers - Integer.numberOfTrailingZeros(length) + 1);
    }

    /**
     * Checks a request against this tree's shape, without answering it.
     *
     * @return null if {@link #hashes} would answer it, else what is wrong with it
     */
    public String problem(int index, int length, int proofLayers) {
        if (length < 2 || length > MAX_REQUEST_LENGTH || Integer.bitCount(length) != 1) {
            return "length: " + length + " (expected: a power of two, 2.." + MAX_REQUEST_LENGTH + ")";
        }
        if (index < 0 || index % length != 0 || (long) index + length > width) {
            return "index: " + index + " (expected: a multiple of " + length + ", index + length <= " + width + ")";
        }
        if (proofLayers < 0 || proofLayers >= Math.max(1, height)) {
            return "proofLayers: " + proofLayers + " (expected: 0.." + Math.max(0, height - 1) + ")";
        }
        return null;
    }

    /**
     * Answers a hash request: the base hashes {@code [index, index + length)} (padding hashes
     * past {@link #count()}), then the uncles, lowest level first.
     *
     * @return {@code (length + uncleCount(length, proofLayers)) * 32} bytes
     * @throws IllegalArgumentException if {@link #problem} finds the request invalid
     */
    public byte[] hashes(int index, int length, int proofLayers) {
        String problem = problem(index, length, proofLayers);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int uncles = uncleCount(length, proofLayers);
        byte[] out = new byte[(length + uncles) * Merkle.HASH_SIZE];
        System.arraycopy(nodes, index * Merkle.HASH_SIZE, out, 0, length * Merkle.HASH_SIZE);
        int first = Integer.numberOfTrailingZeros(length);
        for (int u = 0; u < uncles; u++) {
            int level = first + u;
            int sibling = (index >> level) ^ 1;
            System.arraycopy(nodes, (offsets[level] + sibling) * Merkle.HASH_SIZE, out,
                    (length + u) * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
        }
        return out;
    }

    /**
     * Checks an answer to a hash request: rebuilds the subtree over the {@code length} base
     * hashes, then climbs one level per uncle. The caller compares the result with the node it
     * knows at that level (the file's {@code pieces root} when the proof goes to the top).
     *
     * @param hashes the answer: {@code length} base hashes then the uncles, 32 bytes each
     * @param index  the position of the first base hash in its layer
     * @param length how many base hashes (a power of two; {@code index} a multiple of it)
     * @return the hash reached at level {@code log2(length) + uncles} above the base
     * @throws IllegalArgumentException if the sizes do not fit together
     */
    public static byte[] proofRoot(byte[] hashes, int index, int length) {
        checkLength(length);
        if (index < 0 || index % length != 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0, a multiple of " + length + ")");
        }
        if (hashes.length % Merkle.HASH_SIZE != 0 || hashes.length / Merkle.HASH_SIZE < length) {
            throw new IllegalArgumentException("hashes: " + hashes.length + " bytes (expected: " + length
                    + " or more hashes of 32 bytes)");
        }
        MessageDigest md = Merkle.sha256();
        byte[] node = Merkle.root(hashes, 0, length, length, Merkle.pad(1), md);
        int position = index / length;
        int uncles = hashes.length / Merkle.HASH_SIZE - length;
        for (int u = 0; u < uncles; u++) {
            int at = (length + u) * Merkle.HASH_SIZE;
            if ((position & 1) == 0) {
                md.update(node);
                md.update(hashes, at, Merkle.HASH_SIZE);
            } else {
                md.update(hashes, at, Merkle.HASH_SIZE);
                md.update(node);
            }
            node = md.digest();
            position >>>= 1;
        }
        return node;
    }

    private static void checkLength(int length) {
        if (length < 1 || Integer.bitCount(length) != 1) {
            throw new IllegalArgumentException("length: " + length + " (expected: a positive power of two)");
        }
    }

    @Override
    public String toString() {
        return "MerkleTree[" + count + " hashes, width " + width + ", height " + height + "]";
    }
}
