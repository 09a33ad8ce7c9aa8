package dev.torrpedo.storage;

import static dev.torrpedo.storage.Harness.join;
import static dev.torrpedo.storage.TestTorrents.Spec.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.storage.TestTorrents.Fixture;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files taken away under us, symlinks, closed storages, bad arguments: typed errors naming the file. */
class ErrorsTest {
    @TempDir
    Path dir;
    Harness h;
    Fixture fx = TestTorrents.v1("err", 32768, 31, file("a.bin", 70_000), file("sub/b.bin", 60_000));

    @BeforeEach
    void start() {
        // every read goes to disk, and through a fresh handle once another file was used (an open
        // handle keeps a deleted file readable, as it does for libtorrent)
        h = new Harness(StorageSettings.builder().blockCacheBytes(0).openFileLimit(1).build(), 2);
    }

    @AfterEach
    void stop() throws Exception {
        h.close();
    }

    Storage downloaded() {
        Storage s = h.files().open(StorageParams.of(fx.torrent(), dir.resolve("dl")));
        for (int p = 0; p < fx.torrent().pieceCount(); p++) {
            h.writePiece(s, p, fx.piece(p), 16384);
            assertTrue(join(h.verify(s, p)));
        }
        return s;
    }

    @Test
    void aFileDeletedUnderUsIsReportedAndItsPiecesAreNoLongerServed() throws Exception {
        try (Storage s = downloaded()) {
            Path b = dir.resolve("dl/err/sub/b.bin");
            Files.delete(b);
            join(h.read(s, 0, 0, 100)); // a.bin's handle replaces b.bin's in the cache
            int piece = 3; // inside b.bin
            StorageException e = Harness.failure(h.readInto(s, piece, 0, java.nio.ByteBuffer.allocateDirect(16384)));
            assertEquals(StorageError.FILE_MISSING, e.error(), "read into a buffer (the engine's upload path)");
            assertEquals(1, e.fileIndex());
            assertEquals(b, e.file().orElseThrow());
            assertFalse(s.isVerified(piece));
            assertFalse(s.isVerified(2), "every piece of the file, the shared one included");
            assertTrue(s.isVerified(0));
            StorageException v = Harness.failure(h.verify(s, 1 + 2));
            assertEquals(StorageError.FILE_MISSING, v.error());
        }
    }

    @Test
    void aFileTruncatedUnderUsIsReported() throws Exception {
        try (Storage s = downloaded()) {
            Path b = dir.resolve("dl/err/sub/b.bin");
            try (FileChannel ch = FileChannel.open(b, StandardOpenOption.WRITE)) {
                ch.truncate(10_000);
            }
            join(h.read(s, 0, 0, 100));
            StorageException e = Harness.failure(h.read(s, 3, 0, 16384));
            assertEquals(StorageError.FILE_TRUNCATED, e.error());
            assertEquals(b, e.file().orElseThrow());
            assertFalse(s.isVerified(3));
        }
    }

    @Test
    void aSymlinkedDirectoryIsNotFollowedOutOfTheSavePath() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path root = Files.createDirectories(dir.resolve("dl/err"));
        Files.createSymbolicLink(root.resolve("sub"), outside);
        try (Storage s = h.files().open(StorageParams.of(fx.torrent(), dir.resolve("dl")))) {
            StorageException e = Harness.failure(h.write(s, 3, 0, fx.piece(3), 0, 16384));
            assertEquals(StorageError.UNSAFE_PATH, e.error());
            assertEquals(1, e.fileIndex());
        }
        try (var list = Files.list(outside)) {
            assertEquals(0, list.count(), "nothing written through the symlink");
        }
        h.assertAllReleased();
    }

    @Test
    void aSymlinkedFileIsNotFollowed() throws Exception {
        Path target = Files.write(dir.resolve("victim"), new byte[] {1, 2, 3});
        Path root = Files.createDirectories(dir.resolve("dl/err"));
        Files.createSymbolicLink(root.resolve("a.bin"), target);
        try (Storage s = h.files().open(StorageParams.of(fx.torrent(), dir.resolve("dl")))) {
            StorageException e = Harness.failure(h.write(s, 0, 0, fx.piece(0), 0, 16384));
            assertEquals(StorageError.UNSAFE_PATH, e.error());
            assertEquals(0, e.fileIndex());
            CheckResult r = join(s.checkFiles(CheckProgress.NONE, h.loop));
            assertEquals(0, r.verified().cardinality());
        }
        assertEquals(3, Files.size(target), "the target is untouched");
    }

    @Test
    void aV2PieceWithoutItsLayerCannotBeVerified() throws Exception {
        Fixture v2 = TestTorrents.created(dir.resolve("src"), "v2", dev.torrpedo.metainfo.TorrentVersion.V2, 32768, 33,
                100_000, 17);
        dev.torrpedo.metainfo.Torrent magnet = dev.torrpedo.metainfo.Torrent.fromInfo(v2.torrent().rawInfo(),
                v2.torrent().infoHash());
        assertFalse(magnet.hasPieceLayers());
        try (Storage s = h.files().open(StorageParams.of(magnet, dir.resolve("dl")))) {
            h.writePiece(s, 0, v2.piece(0), 16384);
            StorageException e = Harness.failure(h.verify(s, 0));
            assertEquals(StorageError.NO_HASH, e.error());
            assertFalse(s.isVerified(0));
        }
        h.assertAllReleased();
    }

    @Test
    void aClosedStorageRefusesAndStillReleases() throws Exception {
        Storage s = h.files().open(StorageParams.of(fx.torrent(), dir.resolve("dl")));
        s.close();
        s.close(); // idempotent
        assertEquals(StorageError.CLOSED, Harness.failure(h.write(s, 0, 0, fx.piece(0), 0, 16384)).error());
        assertEquals(StorageError.CLOSED, Harness.failure(h.verify(s, 0)).error());
        assertEquals(StorageError.CLOSED, Harness.failure(s.flush(h.loop)).error());
        assertEquals(StorageError.CLOSED, Harness.failure(s.checkFiles(CheckProgress.NONE, h.loop)).error());
        h.assertAllReleased();
    }

    @Test
    void aBlockOutsideThePieceThrowsAfterReleasing() {
        try (Storage s = h.files().open(StorageParams.of(fx.torrent(), dir.resolve("dl")))) {
            AtomicInteger released = new AtomicInteger();
            WriteHandler ignore = new WriteHandler() {
                @Override
                public void written(int piece, int offset, int length, StorageException error) {
                }

                @Override
                public void drained() {
                }
            };
            assertThrows(IndexOutOfBoundsException.class, () -> s.write(0, 30_000, ByteBuffer.allocate(16384),
                    released::incrementAndGet, h.loop, ignore));
            assertThrows(IndexOutOfBoundsException.class, () -> s.write(99, 0, ByteBuffer.allocate(1),
                    released::incrementAndGet, h.loop, ignore));
            assertThrows(IndexOutOfBoundsException.class, () -> s.write(0, 0, ByteBuffer.allocate(0),
                    released::incrementAndGet, h.loop, ignore));
            assertEquals(3, released.get());
            assertThrows(IndexOutOfBoundsException.class, () -> s.read(0, 32000, 1000, h.loop, (p, o, d, e) -> { }));
        } catch (StorageException e) {
            throw new AssertionError(e);
        }
    }
}
