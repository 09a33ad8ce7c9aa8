package dev.torrpedo.storage;

import static dev.torrpedo.storage.Harness.join;
import static dev.torrpedo.storage.TestTorrents.Spec.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.storage.TestTorrents.Fixture;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ordering (a hash sees earlier writes), fences (move, delete), back-pressure, and threads ending. */
class FencesTest {
    @TempDir
    Path dir;
    Fixture fx = TestTorrents.v1("f", 65536, 41, file("a.bin", 300_000), file("d/b.bin", 200_000), file("c.bin", 1));

    @Test
    void aVerifySeesEveryWriteSubmittedBeforeItFromManyThreads() throws Exception {
        try (Harness h = new Harness(StorageSettings.defaults(), 2)) {
            try (Storage s = h.files().open(StorageParams.of(fx.torrent(), dir))) {
                ExecutorService loops = Executors.newFixedThreadPool(4);
                List<Future<CompletableFuture<Boolean>>> verdicts = new ArrayList<>();
                for (int p = 0; p < fx.torrent().pieceCount(); p++) {
                    int piece = p;
                    verdicts.add(loops.submit(() -> {
                        byte[] data = fx.piece(piece);
                        for (int off = 0; off < data.length; off += 16384) {
                            h.write(s, piece, off, data, off, Math.min(16384, data.length - off)); // not awaited
                        }
                        return h.verify(s, piece); // queued right behind them
                    }));
                }
                for (Future<CompletableFuture<Boolean>> v : verdicts) {
                    assertTrue(join(v.get()));
                }
                loops.shutdown();
                assertTrue(loops.awaitTermination(10, TimeUnit.SECONDS));
            }
            h.assertAllReleased();
        }
    }

    @Test
    void moveCarriesTheFilesAndKeepsServing() throws Exception {
        try (Harness h = new Harness()) {
            Path resume = dir.resolve("r.resume");
            Storage s = h.files().open(StorageParams.of(fx.torrent(), dir.resolve("one")).withResumeFile(resume));
            for (int p = 0; p < fx.torrent().pieceCount(); p++) {
                h.writePiece(s, p, fx.piece(p), 16384);
                assertTrue(join(h.verify(s, p)));
            }
            join(s.move(dir.resolve("two"), h.loop));
            assertEquals(dir.resolve("two"), s.savePath());
            assertFalse(Files.exists(dir.resolve("one/f")), "the old directories are gone");
            assertArrayEquals(fx.file(1), Files.readAllBytes(dir.resolve("two/f/d/b.bin")));
            ByteBuffer b = join(h.read(s, 4, 0, 16384));
            assertEquals(fx.piece(4)[0], b.get(0));
            join(s.delete(h.loop));
            assertFalse(Files.exists(dir.resolve("two/f")), "deleted with its directories");
            assertFalse(Files.exists(resume), "and its resume data");
            assertEquals(StorageError.CLOSED, Harness.failure(h.verify(s, 0)).error());
            s.close();
        }
    }

    @Test
    void writesOverTheHighWaterMarkSayStopUntilTheQueueDrains() throws Exception {
        StorageSettings settings = StorageSettings.builder().highWaterMark(4 * 16384).diskThreads(1).build();
        try (Harness h = new Harness(settings, 1)) {
            try (Storage s = h.files().open(StorageParams.of(fx.torrent(), dir))) {
                CountDownLatch gate = new CountDownLatch(1);
                AtomicInteger drained = new AtomicInteger();
                AtomicInteger written = new AtomicInteger();
                WriteHandler handler = new WriteHandler() {
                    @Override
                    public void written(int piece, int offset, int length, StorageException error) {
                        written.incrementAndGet();
                    }

                    @Override
                    public void drained() {
                        drained.incrementAndGet();
                    }
                };
                byte[] p0 = fx.piece(0);
                // out of order, so released on the disk thread, which this release holds up
                boolean over = s.write(0, 16384, ByteBuffer.wrap(p0, 16384, 16384), () -> {
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, h.loop, handler);
                assertFalse(over);
                List<Boolean> answers = new ArrayList<>();
                for (int i = 1; i < 8; i++) {
                    answers.add(s.write(1, (i % 4) * 16384, ByteBuffer.wrap(fx.piece(1), (i % 4) * 16384, 16384), () -> { },
                            h.loop, handler));
                }
                assertEquals(List.of(false, false, false, true, true, true, true), answers, "over 64 KiB held from the 5th");
                assertTrue(h.disk.queuedBytes() >= 8 * 16384);
                assertEquals(0, drained.get(), "nothing drained while the disk thread is held");
                gate.countDown();
                Harness.await(() -> drained.get() >= 1 && written.get() == 8 && h.disk.queuedBytes() == 0, "drained");
            }
        }
    }

    @Test
    void closingAStorageClosesItsFiles() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc to count open files");
        try (Harness h = new Harness()) {
            Storage s = h.files().open(StorageParams.of(fx.torrent(), dir.resolve("fds")));
            for (int p = 0; p < fx.torrent().pieceCount(); p++) {
                h.writePiece(s, p, fx.piece(p), 16384);
                assertTrue(join(h.verify(s, p)));
            }
            assertTrue(openUnder(dir.resolve("fds")) >= 2, "files are open while in use");
            s.close();
            assertEquals(0, openUnder(dir.resolve("fds")), "and closed with the storage");
        }
    }

    private static long openUnder(Path root) throws java.io.IOException {
        long n = 0;
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : list.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).startsWith(root)) {
                        n++;
                    }
                } catch (java.io.IOException gone) {
                    // closed meanwhile
                }
            }
        }
        return n;
    }

    @Test
    void noThreadOutlivesThePools() throws Exception {
        Harness h = new Harness();
        try (Storage s = h.files().open(StorageParams.of(fx.torrent(), dir))) {
            h.writePiece(s, 0, fx.piece(0), 16384);
            assertTrue(join(h.verify(s, 0)));
        }
        assertTrue(Harness.threadAlive("torrpedo-disk"));
        h.close();
        assertFalse(Harness.threadAlive("torrpedo-disk"));
        assertFalse(Harness.threadAlive("torrpedo-hash"));
    }
}
