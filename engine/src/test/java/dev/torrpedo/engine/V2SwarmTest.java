package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.metainfo.MerkleTree;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import dev.torrpedo.wire.Handshake;
import dev.torrpedo.wire.MessageType;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.Reserved;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * BitTorrent v2 (BEP 52) between our sessions: v2-only and hybrid torrents with files that
 * start on piece boundaries, a leecher that has only the info dictionary and fetches every
 * piece layer from the seeder with hash requests, and the wire rules (the upgrade bit, hash
 * requests answered with proofs that reach the file's root).
 */
class V2SwarmTest {
    /** Sizes that exercise alignment: shorter than a block, than a piece, several pieces, empty, and 600 pieces. */
    static final long[] SIZES = {100_000, 17, 0, 600 * 16 * 1024 + 5, 3 * 16 * 1024};

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = TorrentVersion.class, names = {"V2", "HYBRID"})
    void seederToLeecher(TorrentVersion version) {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.of(version, swarm.dir("seeder"), "v2", SIZES, 16 * 1024, 3, List.of(swarm.httpTracker()),
                    true);
            assertEquals(version, p.torrent().version());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            TorrentHandle l = leecher.add(AddTorrent.bytes(p.bytes())).join();
            Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("leecher"));
            assertEquals(p.size(), l.status().completedBytes() - padding(p.torrent()));
        }
    }

    /** The leecher's .torrent has no piece layers: it asks the seeder for them, then downloads and verifies. */
    @ParameterizedTest
    @EnumSource(value = TorrentVersion.class, names = {"V2", "HYBRID"})
    void piecesLayersComeFromPeers(TorrentVersion version) {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.of(version, swarm.dir("seeder"), "layers", SIZES, 16 * 1024, 4,
                    List.of(swarm.httpTracker()), true);
            byte[] stripped = withoutPieceLayers(p.bytes());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Session leecher = swarm.session("leecher", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            TorrentHandle l = leecher.add(AddTorrent.bytes(stripped)).join();
            assertFalse(l.metainfo().orElseThrow().hasPieceLayers(), "added without layers");
            Swarm.join(l.completion(), Swarm.TIMEOUT, swarm::describe);
            p.assertIntact(swarm.dir("leecher"));
            Swarm.await("the layers", Swarm.TIMEOUT, () -> l.metainfo().orElseThrow().hasPieceLayers());
            Torrent got = l.metainfo().orElseThrow();
            for (TorrentFile f : p.torrent().files()) {
                if (f.length() > p.torrent().pieceLength() && !f.isPad()) {
                    assertEquals(p.torrent().pieceLayer(f.index()).orElseThrow(), got.pieceLayer(f.index()).orElseThrow());
                }
            }
        }
    }

    /** Our listener upgrades a hybrid connection asked with the bit, and answers hash requests with proofs. */
    @Test
    void hashRequestsAreAnsweredWithProofsOnAnUpgradedConnection() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.of(TorrentVersion.HYBRID, swarm.dir("seeder"), "serve", SIZES, 16 * 1024, 5, List.of(),
                    true);
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            Torrent t = p.torrent();
            TorrentFile big = t.files().stream().filter(f -> f.length() == SIZES[3]).findFirst().orElseThrow();
            byte[] root = big.piecesRoot().orElseThrow();
            try (RawPeer peer = new RawPeer(seeder.listenPort())) {
                Reserved bits = Reserved.NONE.with(Reserved.FAST, true).with(Reserved.V2_UPGRADE, true);
                PeerId id = PeerId.of("-XX0001-v2v2v2v2v2v2".getBytes(StandardCharsets.US_ASCII));
                peer.send(new Handshake(bits, t.infoHash(), false, id));
                byte[] reply = peer.readHandshake();
                assertArrayEquals(t.infoHash().truncatedV2(), Arrays.copyOfRange(reply, 28, 48), "upgraded to v2");
                assertTrue((reply[27] & 0x10) != 0, "the seeder sets the upgrade bit");
                // the first 512 of 601 pieces, proof to the root (as libtorrent asks), and a bad request
                peer.send(new PeerMessage.HashRequest(root, 0, 0, 512, 9));
                peer.send(new PeerMessage.HashRequest(root, 0, 3, 512, 9));
                // the proof is built off the loops and the reject is not: they may come in either order
                PeerMessage.Hashes h = null;
                PeerMessage.HashReject r = null;
                while (h == null || r == null) {
                    PeerMessage m = peer.readMessage();
                    if (m instanceof PeerMessage.Hashes x) {
                        assertNull(h, "one answer per request");
                        h = x;
                    } else if (m instanceof PeerMessage.HashReject x) {
                        assertNull(r, "one reject per bad request");
                        r = x;
                    }
                }
                assertEquals(513, h.hashes().length / 32, "512 hashes and one uncle");
                assertArrayEquals(root, MerkleTree.proofRoot(h.hashes(), 0, 512));
                assertArrayEquals(Arrays.copyOf(h.hashes(), 32), Arrays.copyOf(bytes(t.pieceLayer(big.index()).get()), 32));
                assertEquals(3, r.index());
                // pieces of 16 KiB: the piece layer is the block layer (0); other layers are not kept
                peer.send(new PeerMessage.HashRequest(root, 1, 0, 2, 1));
                assertEquals(1, ((PeerMessage.HashReject) peer.readMessage(MessageType.HASH_REJECT)).baseLayer());
                peer.send(new PeerMessage.HashRequest(root, 0, 600, 2, 9));
                PeerMessage.Hashes last = (PeerMessage.Hashes) peer.readMessage(MessageType.HASHES);
                assertArrayEquals(root, MerkleTree.proofRoot(last.hashes(), 600, 2));
            }
        }
    }

    /** A v1 torrent never announces the upgrade bit (libtorrent drops a peer that does). */
    @Test
    void aV1TorrentsHandshakeHasNoUpgradeBit() throws Exception {
        try (Swarm swarm = new Swarm(dir)) {
            Payload p = Payload.single(swarm.dir("seeder"), "v1.bin", 100_000, 16 * 1024, 6, List.of());
            Session seeder = swarm.session("seeder", Swarm.settings().build());
            Swarm.join(seeder.add(AddTorrent.bytes(p.bytes())).join().completion(), Swarm.TIMEOUT, swarm::describe);
            try (RawPeer peer = new RawPeer(seeder.listenPort())) {
                Reserved bits = Reserved.NONE.with(Reserved.FAST, true).with(Reserved.V2_UPGRADE, true);
                peer.send(new Handshake(bits, p.infoHash(), false,
                        PeerId.of("-XX0001-v1v1v1v1v1v1".getBytes(StandardCharsets.US_ASCII))));
                byte[] reply = peer.readHandshake();
                assertEquals(0, reply[27] & 0x10);
            }
        }
    }

    static long padding(Torrent t) {
        return t.files().stream().filter(TorrentFile::isPad).mapToLong(TorrentFile::length).sum();
    }

    static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** The .torrent without its {@code piece layers}, as saved from a magnet link's metadata. */
    static byte[] withoutPieceLayers(byte[] torrent) {
        BDictionary root = (BDictionary) BencodeDecoder.strict().decode(torrent);
        BDictionary.Builder b = BDictionary.builder();
        for (BDictionary.Entry e : root.entries()) {
            if (!e.key().utf8().equals("piece layers")) {
                b.put(e.key().bytes(), e.value());
            }
        }
        return BencodeEncoder.encode(b.build());
    }
}
