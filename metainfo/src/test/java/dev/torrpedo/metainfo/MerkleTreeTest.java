package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * BEP 52 hash request answers and their proofs. The vectors are libtorrent's: the piece
 * layers and pieces roots of the golden v2 torrents it made (golden/make_golden.py); the
 * uncles are checked against a naive tree built here level by level.
 */
class MerkleTreeTest {

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The naive tree: level 0 is the padded layer, each level above hashes pairs. */
    static byte[][][] naive(byte[][] layer, byte[] pad) {
        int width = Merkle.nextPowerOfTwo(layer.length);
        int height = Integer.numberOfTrailingZeros(width);
        byte[][][] levels = new byte[height + 1][][];
        levels[0] = new byte[width][];
        for (int i = 0; i < width; i++) {
            levels[0][i] = i < layer.length ? layer[i] : pad;
        }
        for (int k = 1; k <= height; k++) {
            levels[k] = new byte[width >> k][];
            for (int i = 0; i < levels[k].length; i++) {
                levels[k][i] = sha256(levels[k - 1][2 * i], levels[k - 1][2 * i + 1]);
            }
        }
        return levels;
    }

    private static byte[][] split(ByteBuffer layer) {
        byte[][] out = new byte[layer.remaining() / 32][];
        ByteBuffer b = layer.duplicate();
        for (int i = 0; i < out.length; i++) {
            out[i] = new byte[32];
            b.get(out[i]);
        }
        return out;
    }

    @Test
    void libtorrentsPieceLayersHashToTheirPiecesRoots() {
        for (String name : new String[] {"v2-single", "v2-multi", "hybrid-single", "hybrid-multi"}) {
            Torrent t = Torrent.parse(GoldenTorrentTest.golden(name + ".torrent"));
            byte[] pad = Merkle.padHash(t.pieceLength() / Merkle.BLOCK_SIZE);
            int checked = 0;
            for (TorrentFile f : t.files()) {
                if (f.isPad() || f.length() <= t.pieceLength()) {
                    continue;
                }
                MerkleTree tree = MerkleTree.of(t.pieceLayer(f.index()).orElseThrow(), pad);
                assertArrayEquals(f.piecesRoot().orElseThrow(), tree.root(), name + " file " + f.index());
                checked++;
            }
            assertFalse(checked == 0, name);
        }
    }

    @Test
    void answersAsLibtorrentAsksAndTheProofReachesTheRoot() {
        Torrent t = Torrent.parse(GoldenTorrentTest.golden("v2-single.torrent")); // 38 pieces of 32 KiB
        byte[] pad = Merkle.padHash(2);
        MerkleTree tree = MerkleTree.of(t.pieceLayer(0).orElseThrow(), pad);
        assertEquals(38, tree.count());
        assertEquals(64, tree.width());
        assertEquals(6, tree.height());
        byte[] root = t.files().get(0).piecesRoot().orElseThrow();
        // libtorrent's first request for a file of 38 pieces: all 64 (padded), proof to the root
        byte[] all = tree.hashes(0, 64, 5);
        assertEquals(64 * 32, all.length);
        assertArrayEquals(root, MerkleTree.proofRoot(all, 0, 64));
        assertArrayEquals(pad, Arrays.copyOfRange(all, 38 * 32, 39 * 32), "padding past the last piece");
        // eight hashes from 32: uncles at levels 3, 4 and 5
        byte[] part = tree.hashes(32, 8, 5);
        assertEquals((8 + 3) * 32, part.length);
        byte[][][] naive = naive(split(t.pieceLayer(0).orElseThrow()), pad);
        assertArrayEquals(naive[3][5], Arrays.copyOfRange(part, 8 * 32, 9 * 32));
        assertArrayEquals(naive[4][3], Arrays.copyOfRange(part, 9 * 32, 10 * 32));
        assertArrayEquals(naive[5][0], Arrays.copyOfRange(part, 10 * 32, 11 * 32));
        assertArrayEquals(root, MerkleTree.proofRoot(part, 32, 8));
        // a proof that stops early reaches the node at its level, not the root
        byte[] shortProof = tree.hashes(32, 8, 3);
        assertArrayEquals(naive[4][2], MerkleTree.proofRoot(shortProof, 32, 8));
    }

    @Test
    void aChangedHashOrUncleNoLongerReachesTheRoot() {
        Torrent t = Torrent.parse(GoldenTorrentTest.golden("v2-multi.torrent"));
        TorrentFile b = t.files().stream().filter(f -> f.path().get(f.path().size() - 1).equals("b.bin")).findFirst()
                .orElseThrow();
        MerkleTree tree = MerkleTree.of(t.pieceLayer(b.index()).orElseThrow(), Merkle.padHash(2));
        byte[] root = b.piecesRoot().orElseThrow();
        byte[] answer = tree.hashes(4, 4, tree.height() - 1);
        assertArrayEquals(root, MerkleTree.proofRoot(answer, 4, 4));
        for (int at : new int[] {0, 3 * 32 + 31, answer.length - 1}) {
            byte[] bad = answer.clone();
            bad[at] ^= 1;
            assertFalse(Arrays.equals(root, MerkleTree.proofRoot(bad, 4, 4)), "flipped byte " + at);
        }
        // the same hashes claimed at another index climb the other way
        assertFalse(Arrays.equals(root, MerkleTree.proofRoot(answer, 0, 4)));
    }

    @Test
    void uncleCountsFollowBep52() {
        assertEquals(0, MerkleTree.uncleCount(512, 8)); // the first log2(length) - 1 layers are omitted
        assertEquals(1, MerkleTree.uncleCount(512, 9));
        assertEquals(3, MerkleTree.uncleCount(2, 3));
        assertEquals(0, MerkleTree.uncleCount(4, 0));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.uncleCount(3, 1));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.uncleCount(4, -1));
    }

    @Test
    void requestsOutsideTheTreeAreRefused() {
        MerkleTree tree = MerkleTree.of(ByteBuffer.wrap(new byte[5 * 32]), new byte[32]); // width 8, height 3
        assertNull(tree.problem(0, 8, 2));
        assertNull(tree.problem(6, 2, 0));
        assertNotNull(tree.problem(0, 8, 3), "no uncle above the root's children");
        assertNotNull(tree.problem(2, 4, 1), "index not a multiple of length");
        assertNotNull(tree.problem(0, 16, 1), "wider than the layer");
        assertNotNull(tree.problem(0, 3, 1), "not a power of two");
        assertNotNull(tree.problem(0, 1, 0), "BEP 52: at least two");
        assertNotNull(tree.problem(-2, 2, 0));
        assertNotNull(tree.problem(8, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> tree.hashes(8, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.of(ByteBuffer.wrap(new byte[31]), new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.of(ByteBuffer.allocate(0), new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.proofRoot(new byte[64], 1, 2));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.proofRoot(new byte[32], 0, 2));
    }

    @Test
    void aSmallTreeByHand() {
        byte[] h0 = sha256(new byte[] {0});
        byte[] h1 = sha256(new byte[] {1});
        byte[] h2 = sha256(new byte[] {2});
        byte[] pad = Merkle.padHash(4);
        ByteBuffer layer = ByteBuffer.allocate(96).put(h0).put(h1).put(h2).flip();
        MerkleTree tree = MerkleTree.of(layer, pad);
        assertEquals(0, layer.position(), "the layer is read, not consumed");
        byte[] left = sha256(h0, h1);
        byte[] right = sha256(h2, pad);
        assertArrayEquals(sha256(left, right), tree.root());
        byte[] answer = tree.hashes(2, 2, 1);
        assertEquals(HexFormat.of().formatHex(h2) + HexFormat.of().formatHex(pad) + HexFormat.of().formatHex(left),
                HexFormat.of().formatHex(answer));
        assertArrayEquals(tree.root(), MerkleTree.proofRoot(answer, 2, 2));
    }
}
