package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Every valid request's answer proves itself against the root; any change breaks the proof. */
class MerkleTreeProperties {

    @Property(tries = 300)
    void answersProveThemselves(@ForAll @IntRange(min = 2, max = 700) int count, @ForAll long seed,
                                @ForAll @IntRange(min = 1, max = 10) int lengthLog, @ForAll int where,
                                @ForAll @IntRange(min = 0, max = 12) int proof) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] layer = new byte[count * 32];
        r.nextBytes(layer);
        byte[] pad = Merkle.padHash(1 << r.nextInt(6));
        MerkleTree tree = MerkleTree.of(ByteBuffer.wrap(layer), pad);
        byte[][][] naive = MerkleTreeTest.naive(split(layer), pad);
        assertArrayEquals(naive[tree.height()][0], tree.root());
        int length = Math.min(1 << lengthLog, tree.width());
        int index = Math.floorMod(where, tree.width() / length) * length;
        int proofLayers = Math.min(proof, tree.height() - 1);
        byte[] answer = tree.hashes(index, length, proofLayers);
        int uncles = MerkleTree.uncleCount(length, proofLayers);
        assertEquals((length + uncles) * 32, answer.length);
        int reached = Integer.numberOfTrailingZeros(length) + uncles;
        byte[] top = MerkleTree.proofRoot(answer, index, length);
        assertArrayEquals(naive[reached][index >> reached], top);
        byte[] bad = answer.clone();
        bad[Math.floorMod(where * 31, bad.length)] ^= (byte) (1 << r.nextInt(8));
        assertFalse(Arrays.equals(top, MerkleTree.proofRoot(bad, index, length)));
    }

    private static byte[][] split(byte[] flat) {
        byte[][] out = new byte[flat.length / 32][];
        for (int i = 0; i < out.length; i++) {
            out[i] = Arrays.copyOfRange(flat, i * 32, i * 32 + 32);
        }
        return out;
    }
}
