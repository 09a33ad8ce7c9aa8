package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BencodeEncoder;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TorrentTest {

    private static byte[] v1(BDictionary.Builder outer, BDictionary.Builder info) {
        info.put("name", "n").put("piece length", 16384).put("length", 20000).put("pieces", new byte[40]);
        return BencodeEncoder.encode(outer.put("info", info.build()).build());
    }

    @Test
    void unknownKeysAreKeptAndReadable() {
        byte[] bytes = v1(BDictionary.builder().put("x-outer", "kept").put("announce", "http://a/"),
                BDictionary.builder().put("source", "tracker-x").put("private", 1));
        Torrent t = Torrent.parse(bytes);
        assertEquals("kept", t.dictionary().getUtf8("x-outer"));
        assertEquals("tracker-x", t.info().getUtf8("source"));
        assertTrue(t.isPrivate());
        assertArrayEquals(bytes, t.bytes());
        assertEquals(List.of(List.of("http://a/")), t.trackers());
        assertEquals(2, t.pieceCount());
        assertEquals(20000 - 16384, t.pieceSize(1));
        assertArrayEquals(new byte[20], t.pieceHash(1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.pieceHash(2));
        assertThrows(IllegalStateException.class, () -> t.v2PieceHash(0));
        assertFalse(t.hasPieceLayers());
    }

    @Test
    void announceListWinsAndBadOuterValuesAreIgnored() {
        BList tiers = BList.of(BList.of(BString.of(" http://a/ "), BString.of("http://a/")), BString.of("junk"),
                BList.of(), BList.of(BString.of("udp://b:1")));
        byte[] bytes = v1(BDictionary.builder().put("announce", "http://ignored/").put("announce-list", tiers)
                .put("url-list", "http://one-seed/").put("comment", 5).put("creation date", "yesterday"),
                BDictionary.builder());
        Torrent t = Torrent.parse(bytes);
        assertEquals(List.of(List.of("http://a/"), List.of("udp://b:1")), t.trackers());
        assertEquals(List.of("http://one-seed/"), t.webSeeds());
        assertTrue(t.comment().isEmpty());
        assertTrue(t.creationDate().isEmpty());
    }

    @Test
    void limitsAreCheckedBeforeParsing() {
        byte[] bytes = v1(BDictionary.builder(), BDictionary.builder());
        MetainfoException e = assertThrows(MetainfoException.class,
                () -> Torrent.parse(bytes, TorrentLimits.DEFAULT.withMaxSize(bytes.length - 1)));
        assertEquals(MetainfoError.LIMIT_EXCEEDED, e.error());
        e = assertThrows(MetainfoException.class, () -> Torrent.parse(bytes, TorrentLimits.DEFAULT.withMaxPieces(1)));
        assertEquals(MetainfoError.LIMIT_EXCEEDED, e.error());
        assertEquals("info.pieces", e.field());
        assertThrows(IllegalArgumentException.class, () -> new TorrentLimits(0, 1, 1, 1, 0, 1));
    }

    @Test
    void v2MetadataFromPeersLacksLayersUntilTheyArrive() {
        Torrent full = Torrent.parse(GoldenTorrentTest.golden("v2-multi.torrent"));
        Torrent bare = Torrent.fromInfo(full.rawInfo(), full.infoHash());
        assertEquals(full.infoHash(), bare.infoHash());
        assertFalse(bare.hasPieceLayers());
        int b = 3; // multi/sub/b.bin, 300001 bytes: 10 pieces
        assertTrue(bare.pieceLayer(b).isEmpty());
        assertTrue(bare.pieceLayer(0).isEmpty()); // a.bin, 100000 bytes, needs one too
        assertEquals(32, bare.pieceLayer(5).orElseThrow().remaining()); // c.txt, 17 bytes: its root is its layer
        assertThrows(IllegalStateException.class, () -> bare.v2PieceHash(bare.fileTree().pieceRange(b).first()));

        Map<Integer, byte[]> layers = new HashMap<>();
        for (TorrentFile f : full.files()) {
            ByteBuffer layer = full.pieceLayer(f.index()).orElse(null);
            if (layer != null && f.length() > full.pieceLength()) {
                byte[] bytes = new byte[layer.remaining()];
                layer.get(bytes);
                layers.put(f.index(), bytes);
            }
        }
        Torrent completed = bare.withPieceLayers(layers);
        assertTrue(completed.hasPieceLayers());
        assertEquals(full.infoHash(), completed.infoHash());
        for (int p = 0; p < full.pieceCount(); p++) {
            assertArrayEquals(full.v2PieceHash(p), completed.v2PieceHash(p));
        }
        assertEquals(completed, Torrent.parse(completed.bytes()));

        byte[] wrong = layers.get(b).clone();
        wrong[0] ^= 1;
        MetainfoException e = assertThrows(MetainfoException.class, () -> bare.withPieceLayers(Map.of(b, wrong)));
        assertEquals(MetainfoError.INVALID_PIECE_LAYER, e.error());
    }

    @Test
    void aTorrentWithoutPieceLayersLoadsWhenAllowed() {
        Torrent full = Torrent.parse(GoldenTorrentTest.golden("v2-multi.torrent"));
        byte[] stripped = OuterDictionary.of(full.dictionary()).remove(PieceLayers.FIELD).toBytes();
        MetainfoException e = assertThrows(MetainfoException.class, () -> Torrent.parse(stripped));
        assertEquals(MetainfoError.MISSING_PIECE_LAYER, e.error());
        Torrent bare = Torrent.parse(stripped, TorrentLimits.DEFAULT, false);
        assertFalse(bare.hasPieceLayers());
        assertEquals(full.infoHash(), bare.infoHash());
        assertEquals(full.trackers(), bare.trackers());
        assertTrue(Torrent.parse(full.bytes(), TorrentLimits.DEFAULT, false).hasPieceLayers());
    }

    @Test
    void metadataMustMatchTheExpectedHash() {
        Torrent t = Torrent.parse(GoldenTorrentTest.golden("v1-single.torrent"));
        byte[] info = t.rawInfo();
        Torrent rebuilt = Torrent.fromInfo(info, t.infoHash(), List.of(List.of("http://x/")), List.of("http://w/"),
                TorrentLimits.METADATA);
        assertArrayEquals(info, rebuilt.rawInfo());
        assertEquals(t.files(), rebuilt.files());
        assertEquals(List.of(List.of("http://x/")), rebuilt.trackers());
        assertEquals(List.of("http://w/"), rebuilt.webSeeds());
        MetainfoException e = assertThrows(MetainfoException.class, () -> Torrent.fromInfo(info, InfoHash.v1(new byte[20])));
        assertEquals(MetainfoError.INFO_HASH_MISMATCH, e.error());
        InfoHash v2Expected = InfoHash.v2(java.util.Arrays.copyOf(t.infoHash().v1(), 32));
        e = assertThrows(MetainfoException.class, () -> Torrent.fromInfo(info, v2Expected));
        assertEquals(MetainfoError.INFO_HASH_MISMATCH, e.error());
        e = assertThrows(MetainfoException.class, () -> Torrent.fromInfo(new byte[] {'x'}, InfoHash.v1(
                sha1(new byte[] {'x'}))));
        assertEquals(MetainfoError.MALFORMED_BENCODE, e.error());
    }

    private static byte[] sha1(byte[] b) {
        try {
            return java.security.MessageDigest.getInstance("SHA-1").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aDuplicateKeyNamesItsOffset() {
        byte[] bytes = "d4:infod4:name1:a4:name1:bee".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        MetainfoException e = assertThrows(MetainfoException.class, () -> Torrent.parse(bytes));
        assertEquals(MetainfoError.MALFORMED_BENCODE, e.error());
        assertTrue(e.offset() > 7 && e.offset() < bytes.length, e.getMessage());
    }
}
