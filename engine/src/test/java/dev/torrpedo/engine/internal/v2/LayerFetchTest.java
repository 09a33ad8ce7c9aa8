package dev.torrpedo.engine.internal.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.Merkle;
import dev.torrpedo.metainfo.MerkleTree;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import dev.torrpedo.wire.PeerMessage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fetching piece layers: the requests libtorrent would make, proofs checked, refusals, timeouts, departures. */
class LayerFetchTest {
    static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    /** A v2 torrent with a file of 601 pieces (two parts) and one of 3, its layers stripped. */
    static Torrent[] torrents(Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("lf"));
        SplittableRandom r = new SplittableRandom(9);
        byte[] big = new byte[600 * 16384 + 5];
        r.nextBytes(big);
        Files.write(root.resolve("big.bin"), big);
        byte[] small = new byte[3 * 16384 - 7];
        r.nextBytes(small);
        Files.write(root.resolve("small.bin"), small);
        Torrent full = TorrentCreator.builder(root).version(TorrentVersion.V2).pieceLength(16384).parallelism(1).build()
                .create();
        Torrent bare = Torrent.fromInfo(full.rawInfo(), full.infoHash());
        return new Torrent[] {full, bare};
    }

    static PeerMessage.Hashes answer(Torrent full, LayerFetch.Request r) {
        TorrentFile f = full.files().get(r.file());
        MerkleTree tree = MerkleTree.of(full.pieceLayer(f.index()).orElseThrow(),
                Merkle.padHash(full.pieceLength() / Merkle.BLOCK_SIZE));
        return new PeerMessage.Hashes(r.root(), r.baseLayer(), r.index(), r.length(), r.proofLayers(),
                tree.hashes(r.index(), r.length(), r.proofLayers()));
    }

    @Test
    void asksAsLibtorrentDoesAndAssemblesTheLayers() throws Exception {
        Torrent[] t = torrents(dir);
        LayerFetch fetch = new LayerFetch(t[1]);
        assertFalse(fetch.complete());
        List<LayerFetch.Request> asked = fetch.assign(1, 0);
        assertEquals(3, asked.size(), "two parts of the big file, one of the small one");
        assertEquals(List.of(0, 512, 0), asked.stream().map(LayerFetch.Request::index).toList());
        assertEquals(List.of(512, 128, 4), asked.stream().map(LayerFetch.Request::length).toList());
        assertEquals(9, asked.get(0).proofLayers(), "a proof to just below the root of a 1024-wide layer");
        assertTrue(fetch.assign(1, 0).isEmpty(), "nothing twice");
        for (LayerFetch.Request r : asked) {
            PeerMessage.Hashes h = answer(t[0], r);
            assertTrue(fetch.pending(1, h) == r);
            byte[] proved = LayerFetch.verify(r, h);
            assertEquals(r.count() * 32, proved.length);
            assertTrue(fetch.answered(1, r, proved, 0));
        }
        assertTrue(fetch.complete());
        Map<Integer, byte[]> layers = fetch.layers();
        Torrent rebuilt = t[1].withPieceLayers(layers);
        assertTrue(rebuilt.hasPieceLayers());
        for (Map.Entry<Integer, byte[]> e : layers.entrySet()) {
            ByteBuffer expected = t[0].pieceLayer(e.getKey()).orElseThrow();
            assertEquals(expected, ByteBuffer.wrap(e.getValue()));
        }
    }

    @Test
    void badProofsRefusalsTimeoutsAndDeparturesGoToOtherPeers() throws Exception {
        Torrent[] t = torrents(dir);
        LayerFetch fetch = new LayerFetch(t[1]);
        List<LayerFetch.Request> toOne = fetch.assign(1, 0);
        LayerFetch.Request r = toOne.get(0);
        PeerMessage.Hashes good = answer(t[0], r);
        byte[] tampered = good.hashes().clone();
        tampered[100] ^= 1;
        PeerMessage.Hashes bad = new PeerMessage.Hashes(r.root(), r.baseLayer(), r.index(), r.length(), r.proofLayers(),
                tampered);
        assertNull(LayerFetch.verify(r, bad), "a changed hash does not reach the root");
        assertNull(LayerFetch.verify(r, new PeerMessage.Hashes(r.root(), r.baseLayer(), r.index(), r.length(),
                r.proofLayers(), new byte[64])), "too few hashes");
        long late = LayerFetch.TIMEOUT_NANOS - SECOND; // the answers come just before the third request expires
        assertTrue(fetch.answered(1, r, null, late));
        assertNull(fetch.pending(2, good), "an answer from a peer nobody asked is ignored");
        // peer 1 refused part 2, timed out on part 3; peer 2 gets all three, peer 1 none for a while
        fetch.rejected(1, new PeerMessage.HashReject(toOne.get(1).root(), 0, toOne.get(1).index(),
                toOne.get(1).length(), toOne.get(1).proofLayers()), late);
        assertEquals(1, fetch.expire(LayerFetch.TIMEOUT_NANOS));
        assertTrue(fetch.assign(1, LayerFetch.TIMEOUT_NANOS).isEmpty());
        List<LayerFetch.Request> toTwo = fetch.assign(2, LayerFetch.TIMEOUT_NANOS);
        assertEquals(3, toTwo.size());
        fetch.peerGone(2);
        assertEquals(3, fetch.assign(3, LayerFetch.TIMEOUT_NANOS).size(), "a departed peer's parts go to others");
        assertTrue(fetch.assign(1, LayerFetch.TIMEOUT_NANOS + LayerFetch.REFUSED_NANOS + SECOND).isEmpty(),
                "all pending on peer 3");
    }

    @Test
    void aTorrentWithItsLayersNeedsNothing() throws Exception {
        Torrent[] t = torrents(dir);
        LayerFetch fetch = new LayerFetch(t[0]);
        assertTrue(fetch.complete());
        assertTrue(fetch.assign(1, 0).isEmpty());
        assertTrue(fetch.layers().isEmpty());
    }
}
