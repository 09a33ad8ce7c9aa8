package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed hostile torrents (hostile/make_hostile.py): each fails with the expected
 * error and field, or loads with sanitised paths that stay under the download root.
 */
class HostileTorrentTest {
    private static final Path ROOT = Path.of("/srv/downloads");

    /** Torrents that must fail: file name, error, field. */
    static Stream<Object[]> failing() {
        return Stream.of(
                new Object[] {"wrong-pieces-length", MetainfoError.PIECES_MISMATCH, "info.pieces"},
                new Object[] {"pieces-not-multiple-of-20", MetainfoError.PIECES_MISMATCH, "info.pieces"},
                new Object[] {"overflowing-sizes", MetainfoError.SIZE_OVERFLOW, "info.files[1].length"},
                new Object[] {"too-many-pieces", MetainfoError.LIMIT_EXCEEDED, "info.pieces"},
                new Object[] {"negative-length", MetainfoError.INVALID_VALUE, "info.files[0].length"},
                new Object[] {"deep-nesting", MetainfoError.MALFORMED_BENCODE, ""},
                new Object[] {"deep-path", MetainfoError.LIMIT_EXCEEDED, "info.files[0].path"},
                new Object[] {"duplicate-keys", MetainfoError.MALFORMED_BENCODE, ""},
                new Object[] {"too-many-duplicate-names", MetainfoError.LIMIT_EXCEEDED, "info.files"},
                new Object[] {"zero-piece-length", MetainfoError.INVALID_VALUE, "info.piece length"},
                new Object[] {"huge-piece-length", MetainfoError.LIMIT_EXCEEDED, "info.piece length"},
                new Object[] {"missing-info", MetainfoError.MISSING_FIELD, "info"},
                new Object[] {"info-not-a-dictionary", MetainfoError.WRONG_TYPE, "info"},
                new Object[] {"truncated", MetainfoError.MALFORMED_BENCODE, ""},
                new Object[] {"not-a-dictionary", MetainfoError.WRONG_TYPE, ""},
                new Object[] {"no-files", MetainfoError.INVALID_VALUE, "info.files"},
                new Object[] {"only-empty-files", MetainfoError.INVALID_VALUE, "info.files"},
                new Object[] {"path-not-a-list", MetainfoError.WRONG_TYPE, "info.files[0].path"},
                new Object[] {"meta-version-3", MetainfoError.UNSUPPORTED_VERSION, "info.meta version"},
                new Object[] {"file-tree-without-meta-version", MetainfoError.MISSING_FIELD, "info.meta version"},
                new Object[] {"v2-bad-piece-length", MetainfoError.INVALID_VALUE, "info.piece length"},
                new Object[] {"v2-missing-piece-layers", MetainfoError.MISSING_PIECE_LAYER, "piece layers"},
                new Object[] {"v2-short-piece-layer", MetainfoError.INVALID_PIECE_LAYER, "piece layers/" + "aa".repeat(32)},
                new Object[] {"v2-wrong-piece-layer", MetainfoError.INVALID_PIECE_LAYER, "piece layers/" + "aa".repeat(32)},
                new Object[] {"v2-layer-for-unknown-root", MetainfoError.INVALID_PIECE_LAYER,
                    "piece layers/" + "bb".repeat(32)},
                new Object[] {"v2-missing-pieces-root", MetainfoError.MISSING_FIELD, "info.file tree/a.bin.pieces root"},
                new Object[] {"v2-zero-pieces-root", MetainfoError.INVALID_VALUE, "info.file tree/a.bin.pieces root"},
                new Object[] {"v2-pad-in-tree", MetainfoError.INVALID_VALUE, "info.file tree/a.bin.attr"},
                new Object[] {"v2-root-is-a-file", MetainfoError.INVALID_VALUE, "info.file tree/"},
                new Object[] {"v2-file-with-siblings", MetainfoError.INVALID_VALUE, "info.file tree/a/"},
                new Object[] {"hybrid-views-disagree", MetainfoError.INCONSISTENT_HYBRID, "info.files[2]"},
                new Object[] {"hybrid-missing-pad", MetainfoError.INCONSISTENT_HYBRID, "info.files"},
                new Object[] {"hybrid-different-names", MetainfoError.INCONSISTENT_HYBRID, "info.files[2]"},
                new Object[] {"hybrid-without-v1-pieces", MetainfoError.MISSING_FIELD, "info.pieces"});
    }

    /** Torrents that load: file name, and the safe path of each of their files. */
    static final Map<String, List<List<String>>> LOADING = Map.ofEntries(
            Map.entry("traversal-dotdot", List.of(List.of("x", "_", "_", "etc", "passwd"))),
            Map.entry("absolute-path", List.of(List.of("_etc", "_etc_passwd"))),
            Map.entry("drive-letter", List.of(List.of("C_", "C__Windows_System32", "evil.dll"))),
            Map.entry("backslash-traversal", List.of(List.of("x", ".._.._boot.ini"))),
            Map.entry("reserved-names", List.of(List.of("x", "_CON"), List.of("x", "_NUL.txt"), List.of("x", "_com1"),
                    List.of("x", "_Aux.tar.gz"), List.of("x", "_lpt9.log"), List.of("x", "_CON.1"))),
            Map.entry("bad-characters", List.of(List.of("x", "a_b_c_d_e_f_g_h.txt"), List.of("x", "tab_here"),
                    List.of("x", "bell_"), List.of("x", "eviltxt.exe"), List.of("x", "trailing"),
                    List.of("x", "nul_byte"))),
            Map.entry("long-component", List.of(List.of("x", "a".repeat(251) + ".txt"),
                    List.of("x", "\u00e9".repeat(127)))),
            Map.entry("invalid-utf8", List.of(List.of("x", "__.txt"), List.of("x", "____"), List.of("x", "_"))),
            Map.entry("duplicate-names", List.of(List.of("x", "a.txt"), List.of("x", "A.1.TXT"), List.of("x", "a.2.txt"),
                    List.of("x", "sub", "x"), List.of("x", "sub.1"))),
            Map.entry("symlink-escape", List.of(List.of("x", "ok.bin"), List.of("x", "link"))),
            Map.entry("name-only-dots", List.of(List.of("_", "a"))),
            Map.entry("non-canonical", List.of(List.of("z"))));

    static byte[] hostile(String name) {
        try (InputStream in = HostileTorrentTest.class.getResourceAsStream("hostile/" + name + ".torrent")) {
            if (in == null) {
                throw new AssertionError("no hostile/" + name + ".torrent");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failing")
    void failsWithTheExpectedTypedError(String name, MetainfoError error, String field) {
        MetainfoException e = assertThrows(MetainfoException.class, () -> Torrent.parse(hostile(name)));
        assertEquals(error, e.error(), e.getMessage());
        assertTrue(e.field().startsWith(field), "field '" + e.field() + "' (expected: '" + field + "'): " + e.getMessage());
        assertTrue(e.offset() >= -1 && e.offset() < hostile(name).length, e.getMessage());
    }

    static Stream<String> loading() {
        return LOADING.keySet().stream().sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("loading")
    void loadsWithSanitisedPathsUnderTheRoot(String name) {
        byte[] bytes = hostile(name);
        Torrent t = Torrent.parse(bytes);
        List<List<String>> safe = t.files().stream().filter(f -> !f.isPad()).map(TorrentFile::safePath).toList();
        assertEquals(LOADING.get(name), safe);
        for (TorrentFile f : t.files()) {
            Path p = SafePaths.resolveUnder(ROOT, f);
            assertTrue(p.startsWith(ROOT) && !p.equals(ROOT), p.toString());
            assertEquals(ROOT.getNameCount() + f.safePath().size(), p.getNameCount());
            for (String c : f.safePath()) {
                assertEquals(c, SafePaths.sanitizeComponent(c), "sanitised twice");
                assertTrue(c.getBytes(StandardCharsets.UTF_8).length <= 255);
            }
        }
        assertArrayEquals(bytes, t.bytes());
        assertEquals(t.infoHash(), Torrent.parse(t.bytes()).infoHash());
    }

    @Test
    void symlinkTargetsAreSanitisedToo() {
        TorrentFile link = Torrent.parse(hostile("symlink-escape")).files().get(1);
        assertTrue(link.isSymlink());
        assertEquals(0, link.length());
        assertEquals(List.of("_", "_", "etc", "shadow"), link.symlinkTarget());
    }

    @Test
    void nonCanonicalInputIsHashedAsReceived() throws Exception {
        byte[] bytes = hostile("non-canonical");
        Torrent t = Torrent.parse(bytes);
        byte[] raw = t.rawInfo();
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(raw), t.infoHash().v1());
        byte[] canonical = BencodeEncoder.encode(BencodeDecoder.lenient().decode(raw));
        assertFalse(java.util.Arrays.equals(raw, canonical));
        assertNotEquals(InfoHash.v1(MessageDigest.getInstance("SHA-1").digest(canonical)), t.infoHash());
        assertEquals(List.of(List.of("url")), t.trackers());
    }

    @Test
    void everyCommittedFileIsCovered() throws IOException, URISyntaxException {
        Path dir = Path.of(HostileTorrentTest.class.getResource("hostile").toURI());
        Set<String> committed;
        try (Stream<Path> files = Files.list(dir)) {
            committed = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".torrent"))
                    .map(n -> n.substring(0, n.length() - ".torrent".length())).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> tested = new TreeSet<>(LOADING.keySet());
        failing().forEach(a -> tested.add((String) a[0]));
        assertEquals(committed, tested);
    }
}
