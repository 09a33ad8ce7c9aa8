package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code torrpedo download} and {@code torrpedo seed} as child processes on loopback, as a
 * user runs them: a download from our seeder named with {@code --peer}, a download stopped by
 * SIGINT or SIGTERM and run again (it goes on from its resume data, hashing nothing),
 * {@code --select}, magnet links (with {@code --select} too), and {@code --dht-bootstrap}.
 */
class TorrpedoTransferIT {
    /** What the engine logs at debug level once it checked a torrent: how many pieces it hashed from disk. */
    private static final Pattern CHECKED = Pattern.compile("checked, (\\d+) pieces verified \\((\\d+) hashed,"
            + " resume data (used|not used)\\)");

    @TempDir
    Path dir;

    /** Random files under {@code dir/data/<name>}: one per size. */
    private Path payload(String name, long... sizes) throws IOException {
        SplittableRandom random = new SplittableRandom(sizes.length * 31L + sizes[0]);
        Path root = Files.createDirectories(dir.resolve("data"));
        if (sizes.length == 1) {
            write(root.resolve(name), sizes[0], random);
            return root.resolve(name);
        }
        for (int i = 0; i < sizes.length; i++) {
            write(root.resolve(name).resolve(i % 2 == 0 ? "f" + i + ".bin" : "sub/f" + i + ".bin"), sizes[i], random);
        }
        return root.resolve(name);
    }

    private static void write(Path file, long size, SplittableRandom random) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] b = new byte[(int) size];
        random.nextBytes(b);
        Files.write(file, b);
    }

    private Path torrent(Path source, TorrentVersion version, int pieceLength) throws Exception {
        Torrent t = TorrentCreator.builder(source).version(version).pieceLength(pieceLength).build().create();
        Path file = dir.resolve(source.getFileName() + ".torrent");
        Files.write(file, t.bytes());
        return file;
    }

    /** Starts {@code torrpedo seed} of the data under {@code dir/data}; returns it once it seeds, and its port. */
    private JarSeeder seed(Path torrent) {
        return JarSeeder.start(dir, torrent);
    }

    static void assertSameFile(Path expected, Path actual) throws IOException {
        assertTrue(Files.isRegularFile(actual), actual + " is missing");
        assertEquals(-1L, Files.mismatch(expected, actual), actual + " differs from " + expected);
    }

    @Test
    void downloadsFromOurSeederNamedWithPeerThenTheSeederStopsOnCtrlC() throws Exception {
        Path source = payload("payload", 700_000, 123_457, 1_048_576);
        // As a user makes it: a hybrid torrent, the default of 'torrpedo create'.
        JarRun.Result created = JarRun.run(dir, "create", "data/payload", "-o", "payload.torrent", "--piece-size", "32K");
        assertEquals(0, created.exitCode(), created.toString());
        Torrent t = Torrent.parse(Files.readAllBytes(dir.resolve("payload.torrent")));
        assertEquals(TorrentVersion.HYBRID, t.version());
        try (JarSeeder seeder = seed(dir.resolve("payload.torrent"))) {
            JarRun.Result r = JarRun.run(dir, "download", "payload.torrent", "-o", "dl", "--peer", seeder.peer(), "--port",
                    "0", "--no-seed", "--encryption", "prefer");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("", r.stderr(), r.toString());
            List<String> lines = r.stdout().lines().toList();
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("complete: payload, 1.8 MiB in " + dir.resolve("dl")), r.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("seeding     100.0%  1.8 MiB/1.8 MiB")), r.toString());
            for (TorrentFile f : t.files()) {
                if (!f.isPad()) {
                    String rel = String.join("/", f.safePath());
                    assertSameFile(source.getParent().resolve(rel), dir.resolve("dl").resolve(rel));
                }
            }

            seeder.run().signal("INT");
            JarRun.Result s = seeder.run().await(JarRun.TIMEOUT);
            assertEquals(130, s.exitCode(), s.toString());
            assertTrue(s.stderr().strip().endsWith("torrpedo: stopped seeding"), s.toString());
            assertTrue(s.stdout().startsWith("checking "), "the first line must say checking:\n" + s);
        }
    }

    /**
     * A download stopped by a signal (Ctrl-C, or SIGTERM as from {@code kill}), then run again
     * with the same command: the second run takes the verified pieces from the resume data
     * without hashing any piece from disk, and downloads only what was missing.
     */
    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aStoppedDownloadResumesWithoutRechecking(String signal, int exitCode) throws Exception {
        long size = 6L << 20;
        Path source = payload("big.bin", size);
        Path torrent = torrent(source, TorrentVersion.V1, 64 * 1024);
        try (JarSeeder seeder = seed(torrent)) {
            List<String> download = List.of("download", torrent.toString(), "-o", "dl", "--peer", seeder.peer(),
                    "--port", "0", "--no-seed", "--json");
            List<String> slow = new ArrayList<>(download);
            slow.addAll(List.of("--max-down", "1M"));
            long shown;
            try (JarRun first = JarRun.start(dir, Map.of(), JarRun.catchingSigint(JarRun.command(slow.toArray(
                    String[]::new))))) {
                first.awaitLine(l -> completed(l) >= size / 5, "a fifth downloaded", JarRun.TIMEOUT);
                first.signal(signal);
                JarRun.Result r = first.await(JarRun.TIMEOUT);
                assertEquals(exitCode, r.exitCode(), r.toString());
                List<String> json = r.stdout().lines().toList();
                for (String line : json) {
                    assertEquals(JsonStatusTest.KEYS, List.copyOf(JSON.std.mapFrom(line).keySet()), line);
                }
                shown = completed(json.get(json.size() - 1));
                assertTrue(shown < size, "finished before the signal:\n" + r);
                if (signal.equals("INT")) {
                    assertTrue(r.stderr().strip().endsWith("torrpedo: stopped; resume data saved in "
                            + dir.resolve("dl/.torrpedo") + ": run the same command to go on"), r.toString());
                }
            }
            try (Stream<Path> resume = Files.list(dir.resolve("dl/.torrpedo/resume"))) {
                assertEquals(1, resume.filter(p -> p.toString().endsWith(".resume")).count());
            }

            JarRun.Result second;
            try (JarRun run = JarRun.start(dir, Map.of(), JarRun.command(List.of(
                    "-Dorg.slf4j.simpleLogger.log.dev.torrpedo.engine.internal.torrent.TorrentLifecycle=debug"),
                    download.toArray(String[]::new)))) {
                second = run.await(JarRun.TIMEOUT);
            }
            assertEquals(0, second.exitCode(), second.toString());
            Matcher checked = CHECKED.matcher(second.stderr());
            assertTrue(checked.find(), second.toString());
            assertEquals("0", checked.group(2), "hashed pieces from disk:\n" + second);
            assertEquals("used", checked.group(3), second.toString());
            assertTrue(Long.parseLong(checked.group(1)) > 0, second.toString());

            Map<String, Object> resumed = second.stdout().lines().map(TorrpedoTransferIT::json)
                    .filter(m -> !"checking".equals(m.get("state"))).findFirst().orElseThrow();
            long had = ((Number) resumed.get("completedBytes")).longValue();
            assertTrue(had >= shown && had < size, "resumed with " + had + " of " + size + ", run 1 showed " + shown);
            List<String> lines = second.stdout().lines().toList();
            Map<String, Object> end = json(lines.get(lines.size() - 1));
            assertEquals("seeding", end.get("state"));
            assertEquals(size, ((Number) end.get("completedBytes")).longValue());
            long downloaded = ((Number) end.get("downloadedBytes")).longValue();
            assertTrue(downloaded <= size - had + 64 * 1024, "downloaded " + downloaded + " though only "
                    + (size - had) + " were missing");
            assertSameFile(source, dir.resolve("dl/big.bin"));
        }
    }

    private static Map<String, Object> json(String line) {
        try {
            return JSON.std.mapFrom(line);
        } catch (IOException e) {
            throw new UncheckedIOException(line, e);
        }
    }

    private static long completed(String jsonLine) {
        if (!jsonLine.startsWith("{")) {
            return -1;
        }
        return ((Number) json(jsonLine).get("completedBytes")).longValue();
    }

    @Test
    void selectWritesOnlyTheChosenFiles() throws Exception {
        Path source = payload("multi", 100_000, 70_001, 90_000, 33_333, 120_000);
        Path torrent = torrent(source, TorrentVersion.V1, 16 * 1024);
        Torrent t = Torrent.parse(Files.readAllBytes(torrent));
        try (JarSeeder seeder = seed(torrent)) {
            JarRun.Result r = JarRun.run(dir, "download", torrent.toString(), "-o", "dl", "--select", "1,3", "--peer",
                    seeder.peer(), "--port", "0", "--no-seed");
            assertEquals(0, r.exitCode(), r.toString());
        }
        assertOnlyFilesOneAndThreeDownloaded(source, t);
    }

    /**
     * Asserts that dl/multi holds files 1 and 3 of {@code t}, equal to those under
     * {@code source}, and nothing else (what {@code --select 1,3} asks for).
     */
    private void assertOnlyFilesOneAndThreeDownloaded(Path source, Torrent t) throws IOException {
        List<String> wanted = new ArrayList<>();
        for (TorrentFile f : t.files()) {
            String rel = String.join("/", f.safePath());
            if (f.index() == 1 || f.index() == 3) {
                wanted.add(rel);
                assertSameFile(source.getParent().resolve(rel), dir.resolve("dl").resolve(rel));
            }
        }
        try (Stream<Path> files = Files.walk(dir.resolve("dl/multi"))) {
            assertEquals(wanted.stream().sorted().toList(), files.filter(Files::isRegularFile)
                    .map(p -> dir.resolve("dl").relativize(p).toString()).sorted().toList());
        }
    }

    /**
     * A magnet link, with no tracker and the DHT and LSD off: the metadata comes from the seeder
     * named with {@code --peer}, the status says so while it does (nothing known of the size
     * yet), then the download goes on as a .torrent's does.
     */
    @Test
    void aMagnetLinkFetchesTheMetadataFromThePeerThenDownloads() throws Exception {
        Path source = payload("mag", 300_000, 70_001, 250_000);
        Path torrent = torrent(source, TorrentVersion.HYBRID, 16 * 1024);
        Torrent t = Torrent.parse(Files.readAllBytes(torrent));
        String magnet = "magnet:?xt=urn:btih:" + t.infoHash().id() + "&dn=mag";
        try (JarSeeder seeder = JarSeeder.start(dir, torrent, "--no-dht", "--no-lsd")) {
            JarRun.Result r = JarRun.run(dir, "download", magnet, "-o", "dl", "--peer", seeder.peer(), "--port", "0",
                    "--no-dht", "--no-lsd", "--no-seed", "--json");
            assertEquals(0, r.exitCode(), r.toString());
            assertEquals("", r.stderr(), r.toString());
            List<Map<String, Object>> json = r.stdout().lines().map(TorrpedoTransferIT::json).toList();
            Map<String, Object> first = json.get(0);
            assertEquals("metadata", first.get("state"), r.toString());
            assertEquals("mag", first.get("name"), r.toString());
            assertEquals(0, ((Number) first.get("totalBytes")).longValue(), r.toString());
            assertEquals(0.0, ((Number) first.get("progress")).doubleValue(), r.toString());
            Map<String, Object> end = json.get(json.size() - 1);
            assertEquals("seeding", end.get("state"), r.toString());
            assertEquals(t.totalSize(), ((Number) end.get("completedBytes")).longValue(), r.toString());
        }
        for (TorrentFile f : t.files()) {
            if (!f.isPad()) {
                String rel = String.join("/", f.safePath());
                assertSameFile(source.getParent().resolve(rel), dir.resolve("dl").resolve(rel));
            }
        }
    }

    /**
     * {@code --select} with a magnet link applies once the metadata arrives, before any file is
     * made; an index the torrent turns out not to have is bad usage, said in one line.
     */
    @Test
    void selectWithAMagnetLinkAppliesOnceTheMetadataArrives() throws Exception {
        Path source = payload("multi", 100_000, 70_001, 90_000, 33_333, 120_000);
        Path torrent = torrent(source, TorrentVersion.V1, 16 * 1024);
        Torrent t = Torrent.parse(Files.readAllBytes(torrent));
        String magnet = "magnet:?xt=urn:btih:" + t.infoHash().id() + "&so=0";
        try (JarSeeder seeder = JarSeeder.start(dir, torrent, "--no-dht", "--no-lsd")) {
            JarRun.Result bad = JarRun.run(dir, "download", magnet, "-o", "bad", "--select", "2,9", "--peer",
                    seeder.peer(), "--port", "0", "--no-dht", "--no-lsd", "--no-seed");
            assertEquals(2, bad.exitCode(), bad.toString());
            assertEquals(List.of("torrpedo: --select 2,9: file 9 does not exist (the torrent has 5 files: 0-4)"),
                    bad.errLines(), bad.toString());

            JarRun.Result r = JarRun.run(dir, "download", magnet, "-o", "dl", "--select", "1,3", "--peer",
                    seeder.peer(), "--port", "0", "--no-dht", "--no-lsd", "--no-seed");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.stdout().startsWith("metadata "), r.toString());
        }
        assertOnlyFilesOneAndThreeDownloaded(source, t);
    }

    /**
     * {@code --dht-bootstrap} is where the DHT starts: the node sends its first queries to the
     * address given (a UDP socket of this test), not to the public routers.
     */
    @Test
    void theDhtStartsFromTheNodeNamedWithDhtBootstrap() throws Exception {
        String magnet = "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=nobody";
        // the engine binds its UDP socket to [::] on a dual-stack host: its DHT must still reach IPv4 nodes
        try (DatagramSocket node = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             JarRun run = JarRun.start(dir, Map.of(), JarRun.catchingSigint(JarRun.command("download", magnet, "-o", "dl",
                     "--port", "0",
                     "--no-lsd", "--json", "--dht-bootstrap", "127.0.0.1:" + node.getLocalPort())))) {
            node.setSoTimeout((int) JarRun.TIMEOUT.toMillis());
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            node.receive(p);
            String query = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
            assertTrue(query.startsWith("d") && query.contains("1:y1:q") && query.contains("find_node"), query);
            run.awaitLine(l -> l.contains("\"state\":\"metadata\""), "the metadata state", JarRun.TIMEOUT);
            run.signal("INT");
            JarRun.Result r = run.await(JarRun.TIMEOUT);
            assertEquals(130, r.exitCode(), r.toString());
            assertTrue(r.stderr().strip().endsWith("torrpedo: stopped; resume data saved in " + dir.resolve("dl/.torrpedo")
                    + ": run the same command to go on"), r.toString());
        }
    }

    @Test
    void seedRefusesDataThatIsNotWhole() throws Exception {
        Path source = payload("half.bin", 300_000);
        Path torrent = torrent(source, TorrentVersion.V1, 16 * 1024);
        Files.write(source, new byte[150_000]);
        JarRun.Result r = JarRun.run(dir, "seed", torrent.toString(), "-d", "data", "--port", "0");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals(1, r.errLines().size(), r.toString());
        assertTrue(r.stderr().startsWith("torrpedo: cannot seed half.bin from " + dir.resolve("data") + ": only 0 of 19"
                + " pieces are there and good (0.0%); -d must name the directory that holds half.bin"), r.toString());
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        Path torrent = torrent(payload("x.bin", 20_000), TorrentVersion.V1, 16 * 1024);
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            JarRun.Result r = JarRun.run(dir, "download", torrent.toString(), "-o", "dl", "--port",
                    Integer.toString(taken.getLocalPort()));
            assertEquals(1, r.exitCode(), r.toString());
            assertEquals(List.of("torrpedo: cannot listen on port " + taken.getLocalPort() + ": Address already in use"
                    + " (choose another with --port, or --port 0 for any free one)"), r.errLines());
            assertTrue(Files.notExists(dir.resolve("dl")), "a failed download left its directory");
        }
    }
}
