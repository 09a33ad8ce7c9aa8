package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Torrents made by libtorrent 2.0 (golden/make_golden.py, committed with libtorrent's own
 * listing of each): we read the same info hashes, pieces and files, and every piece of the
 * (regenerated) payload verifies.
 */
class GoldenTorrentTest {
    static final List<String> NAMES = List.of("v1-single", "v1-multi", "v2-single", "v2-multi", "hybrid-single",
            "hybrid-multi");
    /** The payload pattern's file number, by file name (see make_golden.py). */
    private static final Map<String, Integer> FILE_NUMBER = Map.of("single.bin", 0, "a.bin", 1, "empty", 2,
            "b.bin", 3, "c.txt", 4);

    static byte[] golden(String name) {
        try (InputStream in = GoldenTorrentTest.class.getResourceAsStream("golden/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1-single", "v1-multi", "v2-single", "v2-multi", "hybrid-single", "hybrid-multi"})
    void matchesLibtorrent(String name) {
        byte[] bytes = golden(name + ".torrent");
        Torrent t = Torrent.parse(bytes);
        List<String> expected = new String(golden(name + ".txt"), StandardCharsets.UTF_8).lines().toList();
        List<String> actual = new ArrayList<>();
        actual.add("v1 " + (t.infoHash().hasV1() ? Torrent.hex(t.infoHash().v1()) : "-"));
        actual.add("v2 " + (t.infoHash().hasV2() ? Torrent.hex(t.infoHash().v2()) : "-"));
        actual.add("pieces " + t.pieceCount());
        actual.add("piece_length " + t.pieceLength());
        actual.add("total " + t.totalSize());
        for (TorrentFile f : t.files()) {
            actual.add("file " + f.length() + " " + f.offset() + " " + (f.isPad() ? 1 : 0) + " "
                    + String.join("/", f.safePath()));
        }
        assertEquals(expected, actual);
        assertEquals(name.startsWith("v1") ? TorrentVersion.V1 : name.startsWith("v2") ? TorrentVersion.V2
                : TorrentVersion.HYBRID, t.version());

        // round trip: the bytes are kept, libtorrent writes canonical bencode, the hash never changes
        assertArrayEquals(bytes, t.bytes());
        assertArrayEquals(bytes, BencodeEncoder.encode(t.dictionary()));
        assertArrayEquals(bytes, BencodeEncoder.encode(BencodeDecoder.strict().decode(t.bytes())));
        assertEquals(t.infoHash(), Torrent.parse(t.bytes()).infoHash());
        assertEquals(t.infoHash(), Torrent.fromInfo(t.rawInfo(), t.infoHash()).infoHash());

        assertEquals(List.of(List.of("http://tracker.example/announce"), List.of("udp://backup.example:6969/announce")),
                t.trackers());
        assertEquals(List.of("http://seed.example/files/"), t.webSeeds());
        assertTrue(t.comment().orElseThrow().startsWith("golden "));
        assertTrue(t.createdBy().orElseThrow().startsWith("libtorrent"));
        assertTrue(t.creationDate().isPresent());
        assertFalse(t.isPrivate());
        assertEquals(t.version().hasV2(), t.hasPieceLayers());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1-single", "v1-multi", "v2-single", "v2-multi", "hybrid-single", "hybrid-multi"})
    void everyPieceOfThePayloadVerifies(String name) {
        Torrent t = Torrent.parse(golden(name + ".torrent"));
        for (int p = 0; p < t.pieceCount(); p++) {
            ByteBuffer data = ByteBuffer.wrap(pieceData(t, p));
            assertTrue(t.verifyPiece(p, data), "piece " + p);
            byte[] corrupt = pieceData(t, p);
            corrupt[0] ^= 1; // every piece starts with file data (pad bytes are not hashed by v2)
            assertFalse(t.verifyPiece(p, ByteBuffer.wrap(corrupt)), "corrupted piece " + p);
        }
    }

    /** The bytes of {@code piece}, from the payload pattern, pad files as zeros. */
    static byte[] pieceData(Torrent t, int piece) {
        byte[] out = new byte[t.pieceSize(piece)];
        int pos = 0;
        for (FileSlice s : t.fileTree().slices(piece, 0, out.length)) {
            TorrentFile f = t.files().get(s.fileIndex());
            if (!s.pad()) {
                int k = FILE_NUMBER.get(f.path().get(f.path().size() - 1));
                for (long j = s.fileOffset(); j < s.fileOffset() + s.length(); j++) {
                    out[pos + (int) (j - s.fileOffset())] = (byte) (j * 7 + k * 13 + j / 251);
                }
            }
            pos += (int) s.length();
        }
        assertEquals(out.length, pos);
        return out;
    }
}
