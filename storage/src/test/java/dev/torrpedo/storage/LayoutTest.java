package dev.torrpedo.storage;

import static dev.torrpedo.storage.Harness.join;
import static dev.torrpedo.storage.TestTorrents.Spec.file;
import static dev.torrpedo.storage.TestTorrents.Spec.pad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.SafePaths;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import dev.torrpedo.storage.TestTorrents.Fixture;
import dev.torrpedo.storage.TestTorrents.Spec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torrent layouts that map pieces to files in awkward ways: every block written (in a
 * shuffled order, so some pieces are hashed incrementally and some read back), every piece
 * verified, the files on disk compared byte for byte, and every piece read back through the
 * upload path.
 */
class LayoutTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void start() {
        h = new Harness();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    /** Writes every piece (blocks of {@code block} bytes, pieces in random order, some pieces' blocks reversed), verifies all. */
    void download(Storage s, Fixture fx, int block, long seed) {
        Torrent t = fx.torrent();
        List<Integer> order = new ArrayList<>();
        for (int p = 0; p < t.pieceCount(); p++) {
            order.add(p);
        }
        Random rnd = new Random(seed);
        Collections.shuffle(order, rnd);
        List<CompletableFuture<Boolean>> verdicts = new ArrayList<>();
        for (int p : order) {
            byte[] piece = fx.piece(p);
            List<Integer> offsets = new ArrayList<>();
            for (int off = 0; off < piece.length; off += block) {
                offsets.add(off);
            }
            if (rnd.nextBoolean()) {
                Collections.reverse(offsets); // out of order: read back at verify
            }
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int off : offsets) {
                writes.add(h.write(s, p, off, piece, off, Math.min(block, piece.length - off)));
            }
            join(CompletableFuture.allOf(writes.toArray(new CompletableFuture<?>[0])));
            verdicts.add(h.verify(s, p));
        }
        for (int i = 0; i < verdicts.size(); i++) {
            assertTrue(join(verdicts.get(i)), "piece " + order.get(i) + " verifies");
        }
        for (int p = 0; p < t.pieceCount(); p++) {
            assertTrue(s.isVerified(p));
        }
        h.assertAllReleased();
    }

    /**
     * Reads every piece back through the upload paths, in blocks, and compares: into a direct
     * buffer (from the file: nothing is cached yet), through the block cache, then into a
     * buffer again (now a cache hit).
     */
    void readBack(Storage s, Fixture fx, int block) {
        for (int p = 0; p < fx.torrent().pieceCount(); p++) {
            byte[] piece = fx.piece(p);
            for (int off = 0; off < piece.length; off += block) {
                int len = Math.min(block, piece.length - off);
                byte[] want = java.util.Arrays.copyOfRange(piece, off, off + len);
                assertReadInto(s, p, off, want, "piece " + p + " at " + off + ", from the file");
                ByteBuffer got = join(h.read(s, p, off, len));
                assertTrue(got.isReadOnly());
                assertEquals(len, got.remaining());
                byte[] b = new byte[len];
                got.get(b);
                assertArrayEquals(want, b, "piece " + p + " at " + off);
                assertReadInto(s, p, off, want, "piece " + p + " at " + off + ", after the cache read");
            }
        }
    }

    /** readInto fills the window of a direct buffer between its position and limit, and only that. */
    private void assertReadInto(Storage s, int piece, int off, byte[] want, String what) {
        ByteBuffer into = ByteBuffer.allocateDirect(want.length + 5);
        into.position(3).limit(3 + want.length);
        ByteBuffer got = join(h.readInto(s, piece, off, into));
        assertSame(into, got, what + ": the handler gets the caller's buffer");
        assertEquals(3, got.position(), what);
        assertEquals(3 + want.length, got.limit(), what);
        byte[] b = new byte[want.length];
        got.duplicate().get(b);
        assertArrayEquals(want, b, what);
        ByteBuffer all = into.duplicate().clear();
        assertEquals(0, all.get(2), what + ": nothing before the window");
        assertEquals(0, all.get(3 + want.length), what + ": nothing after it");
    }

    /** Every wanted non-pad file is on disk with its content; pad files are not. */
    void assertFiles(Fixture fx, Path root) throws Exception {
        for (TorrentFile f : fx.torrent().files()) {
            Path p = SafePaths.resolveUnder(root, f);
            if (f.isPad()) {
                assertFalse(Files.exists(p, LinkOption.NOFOLLOW_LINKS), "pad file " + p + " written");
                continue;
            }
            assertTrue(Files.isRegularFile(p), p + " exists");
            assertArrayEquals(fx.file(f.index()), Files.readAllBytes(p), p.toString());
        }
    }

    void roundTrip(Fixture fx, int block) throws Exception {
        Path root = dir.resolve("download");
        try (Storage s = h.files().open(StorageParams.of(fx.torrent(), root))) {
            download(s, fx, block, 42);
            readBack(s, fx, block);
            join(s.flush(h.loop));
        }
        assertFiles(fx, root);
        try (Storage m = h.memory().open(StorageParams.of(fx.torrent(), root))) {
            download(m, fx, block, 43);
            readBack(m, fx, block);
        }
    }

    @Test
    void piecesSpanningManySmallFiles() throws Exception {
        List<Spec> specs = new ArrayList<>();
        Random rnd = new Random(7);
        for (int i = 0; i < 60; i++) {
            specs.add(file("d" + (i % 4) + "/f" + i + ".bin", 1 + rnd.nextInt(3000)));
        }
        Fixture fx = TestTorrents.v1("small", 16384, 1, specs.toArray(new Spec[0]));
        assertTrue(fx.torrent().pieceCount() > 3);
        roundTrip(fx, 4096); // blocks smaller than a piece, each over several files
    }

    @Test
    void zeroLengthFilesAreCreatedAndHoldNoBytes() throws Exception {
        Fixture fx = TestTorrents.v1("zeros", 32768, 2, file("a.bin", 40000), file("empty1", 0), file("sub/empty2", 0),
                file("b.bin", 30000), file("z/empty3", 0));
        roundTrip(fx, 16384);
        for (String n : new String[] {"empty1", "sub/empty2", "z/empty3"}) {
            Path p = dir.resolve("download/zeros").resolve(n);
            assertTrue(Files.isRegularFile(p), n);
            assertEquals(0, Files.size(p));
        }
    }

    @Test
    void padFilesAreNeverWrittenAndReadAsZeros() throws Exception {
        Fixture fx = TestTorrents.v1("pads", 32768, 3, file("a.bin", 20000), pad(12768), file("b.bin", 32768),
                file("c.bin", 100), pad(32668), file("d.bin", 5));
        roundTrip(fx, 16384);
        assertFalse(Files.exists(dir.resolve("download/pads/.pad")), "no pad directory");
    }

    @Test
    void lastShortPiece() throws Exception {
        Fixture fx = TestTorrents.v1Single("single.bin", 5 * 65536 + 1234, 65536, 4);
        Torrent t = fx.torrent();
        assertEquals(1234, t.pieceSize(t.pieceCount() - 1));
        roundTrip(fx, 16384);
        assertArrayEquals(fx.space(), Files.readAllBytes(dir.resolve("download/single.bin")));
    }

    @Test
    void v2FilesAlignedToPieces() throws Exception {
        Fixture fx = TestTorrents.created(dir.resolve("src"), "v2", TorrentVersion.V2, 32768, 5, 100_000, 17, 65_536, 40_000);
        assertEquals(TorrentVersion.V2, fx.torrent().version());
        for (TorrentFile f : fx.torrent().files()) {
            if (!f.isPad() && f.length() > 0) {
                assertEquals(0, f.offset() % 32768, "file " + f + " starts a piece");
            }
        }
        roundTrip(fx, 16384);
    }

    @Test
    void hybridWithPadsVerifiesBothHashes() throws Exception {
        Fixture fx = TestTorrents.created(dir.resolve("src"), "hy", TorrentVersion.HYBRID, 32768, 6, 50_000, 0, 70_000, 3);
        assertTrue(TestTorrents.hasPad(fx.torrent()));
        roundTrip(fx, 16384);
    }

    @Test
    void aCorruptBlockFailsTheHashAndTheRewriteThenPasses() throws Exception {
        Fixture fx = TestTorrents.v1Single("c.bin", 4 * 32768, 32768, 8);
        try (Storage s = h.files().open(StorageParams.of(fx.torrent(), dir))) {
            byte[] bad = fx.piece(1);
            bad[20000] ^= 1;
            h.writePiece(s, 1, bad, 16384);
            assertFalse(join(h.verify(s, 1)));
            assertFalse(s.isVerified(1));
            StorageException e = Harness.failure(h.read(s, 1, 0, 100));
            assertEquals(StorageError.NOT_VERIFIED, e.error());
            e = Harness.failure(h.readInto(s, 1, 0, java.nio.ByteBuffer.allocate(100)));
            assertEquals(StorageError.NOT_VERIFIED, e.error());
            h.writePiece(s, 1, fx.piece(1), 16384);
            assertTrue(join(h.verify(s, 1)));
            // a late duplicate with bad bytes does not overwrite verified data
            join(h.write(s, 1, 16384, bad, 16384, 16384));
            assertTrue(join(h.verify(s, 1)));
        }
        h.assertAllReleased();
    }
}
