package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTest {

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    @Test
    void padHashesAreHashesOfZeroSubtrees() throws Exception {
        byte[] zero = new byte[32];
        assertArrayEquals(zero, Merkle.padHash(1));
        assertArrayEquals(sha256(zero, zero), Merkle.padHash(2));
        assertArrayEquals(sha256(sha256(zero, zero), sha256(zero, zero)), Merkle.padHash(4));
        assertThrows(IllegalArgumentException.class, () -> Merkle.padHash(3));
    }

    @Test
    void rootOfThreeBlocksPadsTheFourthLeafWithZeros() throws Exception {
        byte[] data = new byte[3 * Merkle.BLOCK_SIZE - 100];
        Arrays.fill(data, (byte) 7);
        byte[] h0 = sha256(Arrays.copyOfRange(data, 0, 16384));
        byte[] h1 = sha256(Arrays.copyOfRange(data, 16384, 32768));
        byte[] h2 = sha256(Arrays.copyOfRange(data, 32768, data.length));
        byte[] expected = sha256(sha256(h0, h1), sha256(h2, new byte[32]));
        assertArrayEquals(expected, Merkle.blockRoot(ByteBuffer.wrap(data), 4));
        assertArrayEquals(expected, Merkle.root(List.of(h0, h1, h2), 4, new byte[32]));
        // one more level: the right half is an all-zero subtree
        assertArrayEquals(sha256(expected, Merkle.padHash(4)), Merkle.blockRoot(ByteBuffer.wrap(data), 8));
        assertThrows(IllegalArgumentException.class, () -> Merkle.blockRoot(ByteBuffer.wrap(data), 2));
    }

    @Test
    void leafCountsFollowBep52() {
        assertEquals(4, Merkle.pieceLeafCount(100_000, 65536)); // two pieces: 64 KiB / 16 KiB leaves each
        assertEquals(8, Merkle.pieceLeafCount(100_000, 262144)); // one piece: 7 blocks, rounded up
        assertEquals(1, Merkle.pieceLeafCount(17, 16384));
        assertEquals(1, Merkle.nextPowerOfTwo(0));
        assertEquals(1, Merkle.nextPowerOfTwo(1));
        assertEquals(4, Merkle.nextPowerOfTwo(3));
        assertEquals(4, Merkle.nextPowerOfTwo(4));
    }

    @Test
    void aLayerHashesToItsRootWithPiecePadding() throws Exception {
        byte[] p0 = sha256(new byte[] {1});
        byte[] p1 = sha256(new byte[] {2});
        byte[] p2 = sha256(new byte[] {3});
        byte[] pad = Merkle.padHash(4); // 64 KiB pieces
        assertArrayEquals(sha256(sha256(p0, p1), sha256(p2, pad)), Merkle.root(List.of(p0, p1, p2), 4, pad));
        assertArrayEquals(p0, Merkle.root(List.of(p0), 1, pad));
    }
}
