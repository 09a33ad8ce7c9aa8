package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code torrpedo} command against python3-libtorrent, as a user would drive both from a
 * shell: a .torrent made by {@code torrpedo create} loads in libtorrent with the info hashes
 * {@code torrpedo info --json} prints, and libtorrent's check of the data finds every piece
 * good; a .torrent made by libtorrent shows in {@code torrpedo info --json} with libtorrent's
 * info hashes and piece count.
 */
class TorrpedoCommandLibtorrentTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @BeforeAll
    static void libtorrentIsThere() {
        RealPeers.requireLibtorrent();
    }

    /** The members of {@code torrpedo info --json} these tests read: {@code v1 …}, {@code v2 …}, {@code pieces N}. */
    private List<String> torrpedoInfo(Path torrent) {
        String json = RealPeers.torrpedo(dir, TIMEOUT, "info", "--json", torrent.toString());
        List<String> out = new ArrayList<>();
        for (String v : List.of("v1", "v2")) {
            Matcher m = Pattern.compile("\"" + v + "\" : (?:\"([0-9a-f]+)\"|null)").matcher(json);
            if (!m.find()) {
                throw new AssertionError("no " + v + " in:\n" + json);
            }
            out.add(v + " " + (m.group(1) == null ? "-" : m.group(1)));
        }
        Matcher pieces = Pattern.compile("\"pieces\" : (\\d+)").matcher(json);
        if (!pieces.find()) {
            throw new AssertionError("no pieces in:\n" + json);
        }
        out.add("pieces " + pieces.group(1));
        return out;
    }

    private List<String> libtorrentInfo(Path torrent, Path checkDir) {
        List<String> cmd = new ArrayList<>(List.of(RealPeers.PYTHON, RealPeers.pythonScript("lt_metainfo.py").toString(),
                "info", torrent.toString()));
        if (checkDir != null) {
            cmd.addAll(List.of("--check", checkDir.toString()));
        }
        return RealPeers.run(dir, TIMEOUT, cmd.toArray(String[]::new)).lines().toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--v1", "--v2", "--hybrid"})
    void torrentsTorrpedoCreatesCheckInLibtorrent(String version) {
        Payloads.multiFile(dir.resolve("data"), "payload", 5);
        Path torrent = dir.resolve("ours.torrent");
        RealPeers.torrpedo(dir, TIMEOUT, "create", "data/payload", "-o", torrent.toString(), version,
                "--piece-size", "32K", "--tracker", "http://127.0.0.1:1/announce");
        List<String> lt = libtorrentInfo(torrent, dir.resolve("data"));
        List<String> ours = torrpedoInfo(torrent);
        assertEquals(ours.subList(0, 2), lt.subList(0, 2));
        assertEquals(ours.get(2), lt.get(2));
        String pieces = ours.get(2).substring("pieces ".length());
        assertEquals("have " + pieces + " of " + pieces, lt.get(lt.size() - 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"v1", "v2", "hybrid"})
    void torrentsLibtorrentCreatesShowInTorrpedoInfo(String mode) {
        Path source = Payloads.multiFile(dir.resolve("data"), "payload", 6);
        Path torrent = dir.resolve("lt.torrent");
        RealPeers.run(dir, TIMEOUT, RealPeers.PYTHON, RealPeers.pythonScript("lt_make_torrent.py").toString(),
                "--mode", mode, "--piece-size", "16384", "--out", torrent.toString(), source.toString());
        assertEquals(libtorrentInfo(torrent, null).subList(0, 3), torrpedoInfo(torrent));
    }
}
