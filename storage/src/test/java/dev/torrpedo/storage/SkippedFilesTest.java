package dev.torrpedo.storage;

import static dev.torrpedo.storage.Harness.join;
import static dev.torrpedo.storage.TestTorrents.Spec.file;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.PieceRange;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.TestTorrents.Fixture;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Skipped files (priority 0): never created; the bytes of the pieces they share with wanted
 * files go to the part file, so those pieces still verify and can be served; when the file
 * is wanted again it gets those bytes.
 */
class SkippedFilesTest {
    @TempDir
    Path dir;
    Harness h;

    /** a: pieces 0-1 and part of 2; b (skipped): rest of 2, 3, part of 4; c: rest of 4 and 5. */
    Fixture fx = TestTorrents.v1("skip", 32768, 11, file("a.bin", 80_000), file("b.bin", 60_000), file("c.bin", 50_000));

    @BeforeEach
    void start() {
        h = new Harness();
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    Path partFile() {
        return dir.resolve("." + fx.torrent().infoHash().id() + ".parts");
    }

    @Test
    void boundaryPiecesOfASkippedFileGoToThePartFile() throws Exception {
        Torrent t = fx.torrent();
        PieceRange b = t.fileTree().pieceRange(1);
        assertEquals(new PieceRange(2, 5), b);
        Path bPath = dir.resolve("skip/b.bin");
        try (Storage s = h.files().open(StorageParams.of(t, dir).withFilePriorities(1, 0, 1))) {
            join(s.checkFiles(CheckProgress.NONE, h.loop));
            // the engine downloads the pieces touching wanted files: 0-2 and 4-5, not 3
            for (int p : new int[] {0, 1, 2, 4, 5}) {
                h.writePiece(s, p, fx.piece(p), 16384);
                assertTrue(join(h.verify(s, p)), "piece " + p);
            }
            join(s.flush(h.loop));
            assertFalse(Files.exists(bPath), "a skipped file is never created");
            assertTrue(Files.isRegularFile(partFile()), "boundary pieces kept in the part file");
            assertArrayEquals(fx.file(0), Files.readAllBytes(dir.resolve("skip/a.bin")));
            assertArrayEquals(fx.file(2), Files.readAllBytes(dir.resolve("skip/c.bin")));
            // boundary piece 2 can be served whole: its skipped part comes from the part file
            ByteBuffer got = join(h.read(s, 2, 0, 32768));
            byte[] b2 = new byte[32768];
            got.get(b2);
            assertArrayEquals(fx.piece(2), b2);

            // b becomes wanted: it is created with the bytes the part file held
            join(s.setFilePriorities(new int[] {1, 1, 1}, h.loop));
            assertTrue(Files.isRegularFile(bPath));
            h.writePiece(s, 3, fx.piece(3), 16384);
            assertTrue(join(h.verify(s, 3)));
            join(s.flush(h.loop));
            assertArrayEquals(fx.file(1), Files.readAllBytes(bPath));
            assertFalse(Files.exists(partFile()), "no skipped file is left: the part file is removed");
        }
        h.assertAllReleased();
    }

    @Test
    void thePartFileSurvivesARestartAndChecksGood() throws Exception {
        Torrent t = fx.torrent();
        Path resume = dir.resolve("resume/skip.resume");
        try (Storage s = h.files().open(StorageParams.of(t, dir).withFilePriorities(1, 0, 1).withResumeFile(resume))) {
            join(s.checkFiles(CheckProgress.NONE, h.loop));
            for (int p : new int[] {0, 1, 2, 4, 5}) {
                h.writePiece(s, p, fx.piece(p), 16384);
                assertTrue(join(h.verify(s, p)));
            }
        }
        // with resume data: accepted as recorded
        try (Storage s = h.files().open(StorageParams.of(t, dir).withFilePriorities(1, 0, 1).withResumeFile(resume))) {
            CheckResult r = join(s.checkFiles(CheckProgress.NONE, h.loop));
            assertTrue(r.resumeDataUsed());
            assertEquals(0, r.hashedPieces());
            assertEquals(java.util.BitSet.valueOf(new long[] {0b110111}), r.verified());
        }
        Files.delete(resume);
        // without: the part file's pieces are hashed and found good
        try (Storage s = h.files().open(StorageParams.of(t, dir).withFilePriorities(1, 0, 1).withResumeFile(resume))) {
            CheckResult r = join(s.checkFiles(CheckProgress.NONE, h.loop));
            assertFalse(r.resumeDataUsed());
            assertEquals(java.util.BitSet.valueOf(new long[] {0b110111}), r.verified());
            assertEquals(5, r.hashedPieces(), "piece 3 has no data anywhere and is not read");
        }
        assertFalse(Files.exists(dir.resolve("skip/b.bin")));
    }
}
