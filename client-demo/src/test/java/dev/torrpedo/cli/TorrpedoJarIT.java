package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The real jar as a child process: what a user types, what a user sees, and the exit codes. */
class TorrpedoJarIT {
    @TempDir
    Path dir;

    @BeforeEach
    void payload() throws Exception {
        Random random = new Random(7);
        Files.createDirectories(dir.resolve("data/sub"));
        Files.write(dir.resolve("data/a.bin"), bytes(random, 300_000));
        Files.write(dir.resolve("data/sub/b.bin"), bytes(random, 70_000));
        Files.write(dir.resolve("data/c.txt"), bytes(random, 3));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void helpListsEveryCommandAndVersionSaysWhichBuild() {
        JarRun.Result help = JarRun.run(dir, "--help");
        assertEquals(0, help.exitCode(), help.toString());
        for (String command : List.of("download", "seed", "create", "info", "demo", "rpc")) {
            assertTrue(help.stdout().contains("\n  " + command + " "), command + " missing:\n" + help);
        }
        assertEquals("", help.stderr());

        JarRun.Result version = JarRun.run(dir, "--version");
        assertEquals(0, version.exitCode(), version.toString());
        assertTrue(version.stdout().startsWith("torrpedo " + VersionProvider.version()), version.toString());
        assertFalse(VersionProvider.version().contains("$"), "version not filtered in: " + VersionProvider.version());

        JarRun.Result none = JarRun.run(dir);
        assertEquals(2, none.exitCode(), none.toString());
        assertEquals("", none.stdout());
        assertTrue(none.stderr().startsWith("Usage: torrpedo"), none.toString());
    }

    @ParameterizedTest
    @EnumSource(TorrentVersion.class)
    void createThenInfoShowTheSameTorrent(TorrentVersion version) throws Exception {
        String flag = "--" + version.name().toLowerCase(Locale.ROOT);
        JarRun.Result created = JarRun.run(dir, "create", "data", "-o", "out/data.torrent", flag, "--piece-size", "32K",
                "--tracker", "http://127.0.0.1:1/announce", "--tracker", "udp://127.0.0.1:2, udp://127.0.0.1:3",
                "--web-seed", "http://127.0.0.1:4/w/", "--private", "--comment", "made by a test");
        assertEquals(0, created.exitCode(), created.toString());
        assertTrue(created.stdout().startsWith("created out/data.torrent: " + version.name().toLowerCase(Locale.ROOT)),
                created.toString());
        List<String> progress = created.errLines();
        assertEquals("hashing data", progress.get(0));
        assertEquals("hashing 100.0%  361.3 KiB/361.3 KiB", progress.get(progress.size() - 1));

        Torrent t = Torrent.parse(Files.readAllBytes(dir.resolve("out/data.torrent")));
        Torrent expected = TorrentCreator.builder(dir.resolve("data")).version(version).pieceLength(32 * 1024)
                .privateFlag(true).build().create();
        assertEquals(expected.infoHash(), t.infoHash());
        assertEquals(List.of(List.of("http://127.0.0.1:1/announce"), List.of("udp://127.0.0.1:2", "udp://127.0.0.1:3")),
                t.trackers());
        assertEquals(List.of("http://127.0.0.1:4/w/"), t.webSeeds());
        assertEquals("made by a test", t.comment().orElseThrow());
        assertEquals("Torrpedo " + VersionProvider.version(), t.createdBy().orElseThrow());
        assertTrue(t.creationDate().isEmpty(), "the same files make the same .torrent");

        JarRun.Result info = JarRun.run(dir, "info", "--json", "out/data.torrent");
        assertEquals(0, info.exitCode(), info.toString());
        assertEquals("", info.stderr());
        Map<String, Object> json = JSON.std.mapFrom(info.stdout());
        assertEquals("data", json.get("name"));
        assertEquals(t.infoHash().id(), json.get("id"));
        assertEquals(hashes(t), json.get("infoHash"));
        assertEquals(version.name().toLowerCase(Locale.ROOT), json.get("version"));
        assertEquals(true, json.get("metadata"));
        assertEquals(370_003L, ((Number) json.get("size")).longValue());
        assertEquals(32_768, ((Number) json.get("pieceLength")).intValue());
        assertEquals(t.pieceCount(), ((Number) json.get("pieces")).intValue());
        assertEquals(true, json.get("private"));
        List<Object> files = new ArrayList<>();
        for (TorrentFile f : t.files()) {
            if (!f.isPad()) {
                files.add(Map.of("index", f.index(), "path", String.join("/", f.safePath()), "size", (int) f.length()));
            }
        }
        assertEquals(List.of("data/a.bin", "data/c.txt", "data/sub/b.bin"),
                files.stream().map(f -> ((Map<?, ?>) f).get("path")).toList());
        assertEquals(files, json.get("files"));
        assertEquals(List.of(Map.of("url", "http://127.0.0.1:1/announce", "tier", 0),
                Map.of("url", "udp://127.0.0.1:2", "tier", 1), Map.of("url", "udp://127.0.0.1:3", "tier", 1)),
                json.get("trackers"));
        assertEquals(List.of("http://127.0.0.1:4/w/"), json.get("webSeeds"));
        assertEquals("made by a test", json.get("comment"));
        assertNull(json.get("creationDate"));
        assertTrue(json.containsKey("creationDate"), "unknown fields are null, not absent");

        // The magnet link create printed reads back to the same identity.
        String magnet = created.stdout().lines().filter(l -> l.startsWith("magnet: ")).findFirst().orElseThrow()
                .substring("magnet: ".length());
        JarRun.Result fromMagnet = JarRun.run(dir, "info", "--json", magnet);
        assertEquals(0, fromMagnet.exitCode(), fromMagnet.toString());
        Map<String, Object> m = JSON.std.mapFrom(fromMagnet.stdout());
        assertEquals(hashes(t), m.get("infoHash"));
        assertEquals("data", m.get("name"));
        assertEquals(false, m.get("metadata"));
        assertNull(m.get("files"));
        assertEquals(3, ((List<?>) m.get("trackers")).size());
    }

    private static Map<String, Object> hashes(Torrent t) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("v1", t.infoHash().hasV1() ? HexFormat.of().formatHex(t.infoHash().v1()) : null);
        m.put("v2", t.infoHash().hasV2() ? HexFormat.of().formatHex(t.infoHash().v2()) : null);
        return m;
    }

    @Test
    void createDefaultsToAHybridBesideTheWorkingDirectory() throws Exception {
        JarRun.Result created = JarRun.run(dir.resolve("data"), "create", "a.bin");
        assertEquals(0, created.exitCode(), created.toString());
        Torrent t = Torrent.parse(Files.readAllBytes(dir.resolve("data/a.bin.torrent")));
        assertEquals(TorrentVersion.HYBRID, t.version());
        assertEquals(TorrentCreator.autoPieceLength(300_000), t.pieceLength());
        assertEquals("a.bin", t.name());

        JarRun.Result text = JarRun.run(dir, "info", "data/a.bin.torrent");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.stdout().startsWith("name:       a.bin\ninfo hash:  v1 " + HexFormat.of().formatHex(t.infoHash().v1())
                + "\n            v2 " + HexFormat.of().formatHex(t.infoHash().v2()) + "\nversion:    hybrid\n"), text.stdout());
        assertTrue(text.stdout().endsWith("files:\n  0   293.0 KiB  a.bin\n"), text.stdout());
    }

    /** Each bad input: its exit code, nothing on stdout, one line on stderr that says what failed. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "info missing.torrent | 1 | torrpedo: missing.torrent: no such file",
        "info data | 1 | torrpedo: data is a directory, not a .torrent file",
        "info corrupt.torrent | 3 | torrpedo: bad torrent corrupt.torrent: MALFORMED_BENCODE",
        "info magnet:?xt=urn:btih:zz | 3 | torrpedo: bad magnet link: INVALID_MAGNET",
        "info --bogus good.torrent | 2 | torrpedo: Unknown option: '--bogus' (see 'torrpedo info --help')",
        "frobnicate | 2 | torrpedo: Unmatched argument at index 0: 'frobnicate'",
        "download missing.torrent | 1 | torrpedo: missing.torrent: no such file",
        "download corrupt.torrent | 3 | torrpedo: bad torrent corrupt.torrent",
        "download magnet:?dn=no-hash | 3 | torrpedo: bad magnet link",
        "download good.torrent -o good.torrent/sub | 1 | torrpedo: cannot use good.torrent/sub (-o):",
        "download good.torrent --select 0,9 | 2 | torrpedo: --select 0,9: file 9 does not exist (the torrent has 5 files: 0-4)",
        "download good.torrent --select 1 | 2 | torrpedo: --select 1: file 1 is padding",
        "download good.torrent --select x | 2 | torrpedo: Invalid value for option '--select'",
        "download good.torrent --max-down fast | 2 | torrpedo: Invalid value for option '--max-down'",
        "download good.torrent --peer ::1:80 | 2 | torrpedo: Invalid value for option '--peer'",
        "download good.torrent --port 70000 | 2 | torrpedo: Invalid value for option '--port'",
        "download good.torrent --encryption maybe | 2 | torrpedo: Invalid value for option '--encryption'",
        "download good.torrent --no-seed --seed-ratio 2 | 2 | torrpedo: --no-seed contradicts --seed-ratio",
        "download good.torrent --max-down 9G | 2 | torrpedo: --max-down 9663676416: too large",
        "download good.torrent --dht-bootstrap nope | 2 | torrpedo: Invalid value for option '--dht-bootstrap'",
        "download good.torrent --dht-bootstrap 127.0.0.1:6881 --no-dht | 2 | torrpedo: --dht-bootstrap contradicts --no-dht",
        "download good.torrent --dht-bootstrap no-such-host.invalid:6881 | 1 | torrpedo: --dht-bootstrap no-such-host.invalid:6881: cannot resolve no-such-host.invalid",
        "seed good.torrent -d data --dht-bootstrap no-such-host.invalid:6881 | 1 | torrpedo: --dht-bootstrap no-such-host.invalid:6881: cannot resolve",
        "rpc --dht-bootstrap no-such-host.invalid:6881 | 1 | torrpedo: --dht-bootstrap no-such-host.invalid:6881: cannot resolve",
        "download good.torrent -o /proc/torrpedo-cannot-write-here/dl --port 0 | 1 | torrpedo: cannot ",
        "seed magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567 | 2 | torrpedo: seed needs a .torrent file",
        "seed good.torrent -d missing | 1 | torrpedo: missing (-d): no such directory",
        "rpc --download-dir good.torrent/sub | 1 | torrpedo: cannot use good.torrent/sub (--download-dir):",
        "create missing | 1 | torrpedo: missing: no such file or directory",
        "create data --piece-size 1000 | 2 | torrpedo: --piece-size 1000: hybrid torrents need a power of two",
        "create data --v1 --v2 | 2 | torrpedo: --v1, --v2 are mutually exclusive",
        "create data -o data/in.torrent | 2 | torrpedo: -o data/in.torrent is inside data",
        "create data --tracker ftp://x/ | 2 | torrpedo: --tracker 'ftp://x/' is not a URL with a host",
        "create data -o good.torrent/x.torrent | 1 | torrpedo: cannot use"})
    void badInputGivesItsExitCodeAndOneLine(String args, int code, String start) throws Exception {
        Files.write(dir.resolve("good.torrent"), TorrentCreator.builder(dir.resolve("data")).build().create().bytes());
        Files.write(dir.resolve("corrupt.torrent"), Arrays.copyOf(Files.readAllBytes(dir.resolve("good.torrent")), 90));
        JarRun.Result r = JarRun.run(dir, args.split(" "));
        assertEquals(code, r.exitCode(), r.toString());
        assertEquals("", r.stdout(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.stderr().startsWith(start), r.toString());
        assertFalse(Files.exists(dir.resolve("dl")), "a failed command made its output directory");
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Files.write(dir.resolve("corrupt.torrent"), "d4:infod4:name1:xee".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        JarRun.Result quiet = JarRun.run(dir, "info", "corrupt.torrent");
        JarRun.Result verbose = JarRun.run(dir, "info", "corrupt.torrent", "--verbose");
        JarRun.Result verboseFirst = JarRun.run(dir, "--verbose", "info", "corrupt.torrent");
        assertEquals(3, quiet.exitCode());
        assertEquals(3, verbose.exitCode());
        assertEquals(1, quiet.errLines().size(), quiet.toString());
        assertEquals(quiet.errLines().get(0), verbose.errLines().get(0));
        assertTrue(verbose.stderr().contains("\tat dev.torrpedo.metainfo."), verbose.toString());
        assertTrue(verbose.stderr().contains("Caused by: dev.torrpedo.metainfo.MetainfoException"), verbose.toString());
        assertEquals(verbose.errLines().size(), verboseFirst.errLines().size(), verboseFirst.toString());
    }

    /** Ctrl-C while hashing: exit 130, and no .torrent (nor a part of one) is left behind. */
    @Test
    void ctrlCStopsCreateAndWritesNothing() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big.bin").toFile(), "rw")) {
            big.setLength(16L << 30); // sparse: hashing it all would take many seconds
        }
        List<String> cmd = JarRun.catchingSigint(JarRun.command("create", "big.bin", "-o", "big.torrent"));
        try (JarRun run = JarRun.start(dir, Map.of(), cmd)) {
            long deadline = System.nanoTime() + JarRun.TIMEOUT.toNanos();
            while (!run.stderrSoFar().contains("hashing") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start();
            assertEquals(0, kill.waitFor());
            JarRun.Result r = run.await(JarRun.TIMEOUT);
            assertEquals(130, r.exitCode(), r.toString());
            assertTrue(r.stderr().contains("torrpedo: stopping (press Ctrl-C again to quit at once)"), r.toString());
            assertTrue(r.stderr().strip().endsWith("torrpedo: interrupted"), r.toString());
            assertEquals("", r.stdout());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().contains("big.torrent")).toList());
        }
    }
}
