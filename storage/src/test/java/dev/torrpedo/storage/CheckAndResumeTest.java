package dev.torrpedo.storage;

import static dev.torrpedo.storage.Harness.join;
import static dev.torrpedo.storage.TestTorrents.Spec.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.PieceRange;
import dev.torrpedo.metainfo.SafePaths;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.storage.TestTorrents.Fixture;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking existing data, and resume data as a hint that is checked, never trusted. */
class CheckAndResumeTest {
    @TempDir
    Path dir;
    Harness h;
    Fixture fx = TestTorrents.v1("data", 32768, 21, file("a.bin", 100_000), file("b.bin", 70_000), file("c.bin", 30_001));
    Path resume;

    @BeforeEach
    void start() {
        h = new Harness();
        resume = dir.resolve("resume").resolve(fx.torrent().infoHash().id() + ".resume");
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    StorageParams params() {
        return StorageParams.of(fx.torrent(), dir.resolve("dl")).withResumeFile(resume);
    }

    void writeFilesDirectly() throws Exception {
        for (TorrentFile f : fx.torrent().files()) {
            Path p = SafePaths.resolveUnder(dir.resolve("dl"), f);
            Files.createDirectories(p.getParent());
            Files.write(p, fx.file(f.index()));
        }
    }

    BitSet all() {
        BitSet b = new BitSet();
        b.set(0, fx.torrent().pieceCount());
        return b;
    }

    @Test
    void seedsFromFilesThatAlreadyExist() throws Exception {
        writeFilesDirectly();
        List<int[]> progress = new ArrayList<>();
        try (Storage s = h.files().open(params())) {
            CheckResult r = join(s.checkFiles((c, t) -> progress.add(new int[] {c, t}), h.loop));
            assertFalse(r.resumeDataUsed());
            assertEquals(all(), r.verified());
            assertEquals(fx.torrent().pieceCount(), r.hashedPieces());
            ByteBuffer b = join(h.read(s, 3, 100, 1000));
            assertEquals(fx.piece(3)[100], b.get(0));
        }
        Harness.await(() -> !progress.isEmpty() && progress.get(progress.size() - 1)[0] == fx.torrent().pieceCount(),
                "final progress");
        int[] last = progress.get(progress.size() - 1);
        assertEquals(last[0], last[1]);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], "progress goes forward");
        }
    }

    @Test
    void aFreshDownloadChecksWithoutReadingAnything() {
        try (Storage s = h.files().open(params())) {
            CheckResult r = join(s.checkFiles(CheckProgress.NONE, h.loop));
            assertEquals(new BitSet(), r.verified());
            assertEquals(0, r.hashedPieces());
            assertFalse(Files.exists(dir.resolve("dl")), "checking creates nothing");
        } catch (StorageException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void resumeDataIsAcceptedWhileTheFilesAreUnchanged() throws Exception {
        Torrent t = fx.torrent();
        try (Storage s = h.files().open(params())) {
            join(s.checkFiles(CheckProgress.NONE, h.loop));
            for (int p = 0; p < t.pieceCount(); p++) {
                h.writePiece(s, p, fx.piece(p), 16384);
                assertTrue(join(h.verify(s, p)));
            }
        } // close saves resume data
        assertTrue(Files.isRegularFile(resume));
        try (Storage s = h.files().open(params())) {
            CheckResult r = join(s.checkFiles(CheckProgress.NONE, h.loop));
            assertTrue(r.resumeDataUsed());
            assertEquals(0, r.hashedPieces());
            assertEquals(all(), r.verified());
        }
        // b.bin changes size and time: only its pieces are hashed; the damaged one fails
        Path b = dir.resolve("dl/data/b.bin");
        try (FileChannel ch = FileChannel.open(b, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {(byte) ~fx.file(1)[5]}), 5);
        }
        Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() - 10_000));
        PieceRange range = t.fileTree().pieceRange(1);
        try (Storage s = h.files().open(params())) {
            CheckResult r = join(s.checkFiles(CheckProgress.NONE, h.loop));
            assertTrue(r.resumeDataUsed());
            assertEquals(range.count(), r.hashedPieces());
            BitSet expected = all();
            expected.clear(range.first()); // byte 5 of b.bin lies in b's first piece
            assertEquals(expected, r.verified());
        }
    }

    @Test
    void unfinishedPiecesKeepTheirBlocks() throws Exception {
        try (Storage s = h.files().open(params())) {
            join(s.checkFiles(CheckProgress.NONE, h.loop));
            byte[] p2 = fx.piece(2);
            join(h.write(s, 2, 16384, p2, 16384, 16384)); // second half only
            join(s.saveResumeData(h.loop));
        }
        try (Storage s = h.files().open(params())) {
            CheckResult r = join(s.checkFiles(CheckProgress.NONE, h.loop));
            Map<Integer, BitSet> u = r.unfinished();
            assertEquals(Map.of(2, BitSet.valueOf(new long[] {0b10})), u);
            byte[] p2 = fx.piece(2);
            join(h.write(s, 2, 0, p2, 0, 16384));
            assertTrue(join(h.verify(s, 2)), "the rest is read back from disk");
        }
    }

    @Test
    void damagedResumeDataMeansAFullCheck() throws Exception {
        writeFilesDirectly();
        Files.createDirectories(resume.getParent());
        Files.write(resume, "d11:file-format4:junke".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        try (Storage s = h.files().open(params())) {
            CheckResult r = join(s.checkFiles(CheckProgress.NONE, h.loop));
            assertFalse(r.resumeDataUsed());
            assertEquals(all(), r.verified());
        }
    }

    @Test
    void recheckIgnoresResumeDataAndFindsDamage() throws Exception {
        writeFilesDirectly();
        try (Storage s = h.files().open(params())) {
            assertEquals(all(), join(s.checkFiles(CheckProgress.NONE, h.loop)).verified());
            join(s.saveResumeData(h.loop));
            Path a = dir.resolve("dl/data/a.bin");
            FileTime before = Files.getLastModifiedTime(a);
            try (FileChannel ch = FileChannel.open(a, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(new byte[] {(byte) ~fx.file(0)[40_000]}), 40_000);
            }
            Files.setLastModifiedTime(a, before); // hidden from the resume data's check
            CheckResult r = join(s.recheck(CheckProgress.NONE, h.loop));
            assertFalse(r.resumeDataUsed());
            BitSet expected = all();
            expected.clear(1);
            assertEquals(expected, r.verified());
            assertFalse(s.isVerified(1));
            assertEquals(StorageError.NOT_VERIFIED, Harness.failure(h.read(s, 1, 0, 10)).error());
        }
    }

    @Test
    void memoryStorageResumeDataIsNeverTrusted() throws Exception {
        try (Storage s = h.memory().open(params())) {
            for (int p = 0; p < fx.torrent().pieceCount(); p++) {
                h.writePiece(s, p, fx.piece(p), 16384);
                assertTrue(join(h.verify(s, p)));
            }
        }
        try (Storage s = h.memory().open(params())) {
            CheckResult r = join(s.checkFiles(CheckProgress.NONE, h.loop));
            assertTrue(r.resumeDataUsed());
            assertEquals(new BitSet(), r.verified(), "memory is gone with its process");
        }
    }
}
