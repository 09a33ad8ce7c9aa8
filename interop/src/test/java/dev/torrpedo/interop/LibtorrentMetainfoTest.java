package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The metainfo module against python3-libtorrent, both ways: torrents libtorrent makes read
 * the same in Torrpedo (info hashes, pieces, files with their pad files), and torrents
 * Torrpedo makes load in libtorrent with the same info hashes and files, and libtorrent's
 * check of the data finds every piece good. Magnet links cross both ways too.
 */
class LibtorrentMetainfoTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @BeforeAll
    static void libtorrentIsThere() {
        RealPeers.requireLibtorrent();
    }

    private Path payload(String layout) {
        return layout.equals("single") ? Payloads.file(dir.resolve("data/payload.bin"), 1_234_567, 1)
                : Payloads.multiFile(dir.resolve("data"), "payload", 2);
    }

    private List<String> libtorrent(String... args) {
        List<String> cmd = new ArrayList<>(List.of(RealPeers.PYTHON, RealPeers.pythonScript("lt_metainfo.py").toString()));
        cmd.addAll(List.of(args));
        return RealPeers.run(dir, TIMEOUT, cmd.toArray(String[]::new)).lines().toList();
    }

    /** The same listing lt_metainfo.py prints, from our model. */
    private static List<String> listing(Torrent t) {
        List<String> out = new ArrayList<>();
        out.add("v1 " + (t.infoHash().hasV1() ? HexFormat.of().formatHex(t.infoHash().v1()) : "-"));
        out.add("v2 " + (t.infoHash().hasV2() ? HexFormat.of().formatHex(t.infoHash().v2()) : "-"));
        out.add("pieces " + t.pieceCount());
        out.add("piece_length " + t.pieceLength());
        out.add("total " + t.totalSize());
        for (TorrentFile f : t.files()) {
            out.add("file " + f.length() + " " + f.offset() + " " + (f.isPad() ? 1 : 0) + " " + String.join("/", f.safePath()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"v1, single", "v1, multi", "v2, single", "v2, multi", "hybrid, single", "hybrid, multi"})
    void torrentsLibtorrentMakesReadTheSame(String mode, String layout) throws Exception {
        Path source = payload(layout);
        Path file = dir.resolve("lt.torrent");
        RealPeers.run(dir, TIMEOUT, RealPeers.PYTHON, RealPeers.pythonScript("lt_make_torrent.py").toString(),
                "--mode", mode, "--piece-size", "32768", "--tracker", "http://127.0.0.1:1/announce",
                "--out", file.toString(), source.toString());
        Torrent ours = Torrent.parse(Files.readAllBytes(file));
        assertEquals(libtorrent("info", file.toString()), listing(ours));
        assertEquals(List.of(List.of("http://127.0.0.1:1/announce")), ours.trackers());
        for (int p = 0; p < ours.pieceCount(); p += Math.max(1, ours.pieceCount() / 7)) {
            assertEquals(true, ours.verifyPiece(p, Pieces.read(ours, dir.resolve("data"), p)), "piece " + p);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"V1, single", "V1, multi", "V2, single", "V2, multi", "HYBRID, single", "HYBRID, multi"})
    void torrentsWeMakeLoadInLibtorrentAndTheirDataChecks(TorrentVersion version, String layout) throws Exception {
        Path source = payload(layout);
        Torrent ours = TorrentCreator.builder(source).version(version).pieceLength(32768)
                .tracker("http://127.0.0.1:1/announce").webSeed("http://127.0.0.1:2/")
                .createdBy("Torrpedo interop").creationDate(Instant.ofEpochSecond(1_700_000_000))
                .build().create();
        Path file = dir.resolve("ours.torrent");
        Files.write(file, ours.bytes());
        List<String> lt = libtorrent("info", file.toString(), "--check", dir.resolve("data").toString());
        assertEquals(listing(ours), lt.subList(0, lt.size() - 1));
        assertEquals("have " + ours.pieceCount() + " of " + ours.pieceCount(), lt.get(lt.size() - 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"V1", "V2", "HYBRID"})
    void magnetLinksCrossBothWays(TorrentVersion version) throws Exception {
        Torrent ours = TorrentCreator.builder(payload("multi")).version(version)
                .tracker("http://127.0.0.1:1/announce").tracker("udp://127.0.0.1:2").webSeed("http://127.0.0.1:3/w/")
                .build().create();
        Path file = dir.resolve("m.torrent");
        Files.write(file, ours.bytes());

        MagnetLink theirs = MagnetLink.parse(libtorrent("magnet", file.toString()).get(0));
        assertEquals(MagnetLink.of(ours), theirs);

        List<String> read = libtorrent("parse-magnet", MagnetLink.of(ours).toString());
        List<String> expected = new ArrayList<>(listing(ours).subList(0, 2));
        expected.add("name payload");
        expected.add("tracker http://127.0.0.1:1/announce");
        expected.add("tracker udp://127.0.0.1:2");
        expected.add("web_seed http://127.0.0.1:3/w/");
        assertEquals(expected, read);
    }
}
