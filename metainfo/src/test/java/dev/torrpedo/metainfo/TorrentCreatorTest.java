package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TorrentCreatorTest {
    @TempDir
    Path dir;

    static Path write(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] b = new byte[(int) size];
        new SplittableRandom(seed).nextBytes(b);
        Files.write(file, b);
        return file;
    }

    /** a.bin 100000, empty, sub/b.bin 300001, sub/c.txt 17, z.bin 65536 (aligned). */
    private Path multi() throws IOException {
        Path root = dir.resolve("payload");
        write(root.resolve("a.bin"), 100_000, 1);
        write(root.resolve("empty"), 0, 2);
        write(root.resolve("sub/b.bin"), 300_001, 3);
        write(root.resolve("sub/c.txt"), 17, 4);
        write(root.resolve("z.bin"), 65_536, 5);
        return root;
    }

    /** Reads piece {@code p} of {@code t} from the files under {@code base}, pad bytes as zeros. */
    static ByteBuffer readPiece(Torrent t, Path base, int p) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(t.pieceSize(p));
        for (FileSlice s : t.fileTree().slices(p, 0, t.pieceSize(p))) {
            if (s.pad()) {
                out.position(out.position() + (int) s.length());
                continue;
            }
            TorrentFile f = t.files().get(s.fileIndex());
            Path file = base.resolve(String.join("/", f.safePath()));
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer slice = out.slice();
                slice.limit((int) s.length());
                while (slice.hasRemaining()) {
                    ch.read(slice, s.fileOffset() + slice.position());
                }
                out.position(out.position() + (int) s.length());
            }
        }
        return out.flip();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"V1, multi", "V2, multi", "HYBRID, multi", "V1, single", "V2, single", "HYBRID, single"})
    void createsTorrentsWhosePiecesVerify(TorrentVersion version, String layout) throws Exception {
        Path source = layout.equals("multi") ? multi() : write(dir.resolve("payload.bin"), 1_234_567, 9);
        List<long[]> progress = new ArrayList<>();
        Torrent t = TorrentCreator.builder(source).version(version).pieceLength(32768)
                .tracker("http://t1.example/announce").trackerTier(List.of("udp://t2.example:1", "udp://t3.example:2"))
                .webSeed("http://seed.example/").comment("made here").createdBy("Torrpedo test")
                .creationDate(Instant.ofEpochSecond(1_700_000_000)).privateFlag(true)
                .parallelism(3).progress((done, total) -> progress.add(new long[] {done, total}))
                .build().create();
        assertEquals(version, t.version());
        assertEquals("payload" + (layout.equals("single") ? ".bin" : ""), t.name());
        assertEquals(32768, t.pieceLength());
        assertTrue(t.isPrivate());
        assertEquals(List.of(List.of("http://t1.example/announce"), List.of("udp://t2.example:1", "udp://t3.example:2")),
                t.trackers());
        assertEquals(List.of("http://seed.example/"), t.webSeeds());
        assertEquals("made here", t.comment().orElseThrow());
        assertEquals("Torrpedo test", t.createdBy().orElseThrow());
        assertEquals(Instant.ofEpochSecond(1_700_000_000), t.creationDate().orElseThrow());
        assertEquals(version.hasV2(), t.hasPieceLayers());

        for (int p = 0; p < t.pieceCount(); p++) {
            assertTrue(t.verifyPiece(p, readPiece(t, dir, p)), "piece " + p);
        }
        List<String> files = t.files().stream().filter(f -> !f.isPad()).map(f -> String.join("/", f.path())).toList();
        if (layout.equals("multi")) {
            assertEquals(List.of("payload/a.bin", "payload/empty", "payload/sub/b.bin", "payload/sub/c.txt",
                    "payload/z.bin"), files);
        } else {
            assertEquals(List.of("payload.bin"), files);
        }
        long payload = layout.equals("multi") ? 465_554 : 1_234_567;
        assertEquals(payload, t.payloadSize());
        long[] last = progress.get(progress.size() - 1);
        assertEquals(payload, last[0]);
        assertEquals(payload, last[1]);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] > progress.get(i - 1)[0]);
        }
        assertArrayEquals(t.bytes(), Torrent.parse(t.bytes()).bytes());
    }

    @Test
    void hybridPadsEveryFileButTheLast() throws Exception {
        Torrent t = TorrentCreator.builder(multi()).pieceLength(32768).build().create();
        List<String> layout = t.files().stream().map(f -> (f.isPad() ? "pad " : "") + f.length()).toList();
        assertEquals(List.of("100000", "pad 31072", "0", "300001", "pad 27679", "17", "pad 32751", "65536"), layout);
        for (TorrentFile f : t.files()) {
            if (!f.isPad() && f.length() > 0) {
                assertEquals(0, f.offset() % 32768, f.toString());
                assertTrue(f.piecesRoot().isPresent());
            }
        }
    }

    @Test
    void sameFilesGiveTheSameTorrentWhateverTheExecutor() throws Exception {
        Path source = multi();
        Torrent own = TorrentCreator.builder(source).parallelism(1).build().create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Torrent theirs = TorrentCreator.builder(source).executor(pool).build().create();
            assertEquals(own, theirs);
            assertFalse(pool.isShutdown(), "the caller's executor is left running");
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(th -> th.getName().startsWith("torrpedo-hash-")
                && th.isAlive()), "no hashing thread outlives create()");
    }

    @Test
    void interruptingCreateCancelsTheJobsAndStopsTheThreads() throws Exception {
        Path f = write(dir.resolve("big.bin"), 40 << 20, 3); // five jobs of 8 MiB
        List<Long> seen = new ArrayList<>();
        assertThrows(InterruptedException.class, () -> TorrentCreator.builder(f).pieceLength(1 << 20).parallelism(1)
                .progress((done, total) -> {
                    seen.add(done);
                    Thread.currentThread().interrupt(); // as if the user cancelled after the first job
                }).build().create());
        assertEquals(1, seen.size());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(th -> th.getName().startsWith("torrpedo-hash-")
                && th.isAlive()), "no hashing thread outlives create()");
    }

    @Test
    void autoPieceLengthMatchesLibtorrent() {
        assertEquals(16384, TorrentCreator.autoPieceLength(1000));
        assertEquals(32768, TorrentCreator.autoPieceLength(10L << 20));
        assertEquals(131072, TorrentCreator.autoPieceLength(100L << 20));
        assertEquals(262144, TorrentCreator.autoPieceLength(500L << 20));
        assertEquals(524288, TorrentCreator.autoPieceLength(1L << 30));
        assertEquals(1 << 20, TorrentCreator.autoPieceLength(4L << 30));
        assertEquals(4 << 20, TorrentCreator.autoPieceLength(100L << 30));
        assertEquals(16 << 20, TorrentCreator.autoPieceLength(1L << 40));
        assertEquals(16 << 20, TorrentCreator.autoPieceLength(1L << 50));
    }

    @Test
    void settingsAreCheckedWhenSet() throws IOException {
        Path f = write(dir.resolve("f"), 10, 1);
        assertThrows(IllegalArgumentException.class, () -> TorrentCreator.builder(f).pieceLength(-1));
        assertThrows(IllegalArgumentException.class, () -> TorrentCreator.builder(f).pieceLength(1 << 30));
        assertThrows(IllegalArgumentException.class, () -> TorrentCreator.builder(f).parallelism(0));
        assertThrows(IllegalArgumentException.class, () -> TorrentCreator.builder(f).tracker(" "));
        assertThrows(IllegalArgumentException.class, () -> TorrentCreator.builder(f).pieceLength(20000).build());
        TorrentCreator.builder(f).version(TorrentVersion.V1).pieceLength(20000).build();
    }

    @Test
    void nothingToHashIsAnError() throws IOException {
        Files.createDirectories(dir.resolve("none"));
        assertTrue(assertThrows(IOException.class, () -> TorrentCreator.builder(dir.resolve("none")).build().create())
                .getMessage().contains("no files"));
        write(dir.resolve("zero/e"), 0, 1);
        assertTrue(assertThrows(IOException.class, () -> TorrentCreator.builder(dir.resolve("zero")).build().create())
                .getMessage().contains("empty"));
    }

    @Test
    void aFileThatShrinksWhileHashedFails() throws Exception {
        Path f = write(dir.resolve("shrinks.bin"), 24 << 20, 1); // three jobs of 8 MiB, two in flight
        IOException e = assertThrows(IOException.class, () -> TorrentCreator.builder(f).version(TorrentVersion.V1)
                .pieceLength(1 << 20).parallelism(1).progress((done, total) -> {
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                        ch.truncate(1 << 20);
                    } catch (IOException x) {
                        throw new java.io.UncheckedIOException(x);
                    }
                }).build().create());
        assertTrue(e.getMessage().contains("shorter"), e.getMessage());
    }
}
