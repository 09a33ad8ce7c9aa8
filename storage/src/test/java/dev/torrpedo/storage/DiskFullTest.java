package dev.torrpedo.storage;

import static dev.torrpedo.storage.Harness.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.TestTorrents.Fixture;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: a 1 MiB tmpfs mounted by the test (skipped, saying why, where mounting
 * is not allowed), a 3 MiB torrent downloaded into it. The error surfaces as
 * {@link StorageError#DISK_FULL} naming the file; nothing is recorded verified that is not
 * good; the resume file stays readable. Then the mount is made read-only: writes fail with
 * {@link StorageError#PERMISSION_DENIED}.
 */
class DiskFullTest {
    @TempDir
    static Path tmp;
    static Path mount;
    static boolean mounted;

    @BeforeAll
    static void mountTmpfs() throws Exception {
        mount = Files.createDirectories(tmp.resolve("small"));
        String err = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString());
        Assumptions.assumeTrue(err == null, () -> "cannot mount a 1 MiB tmpfs here (needs root or CAP_SYS_ADMIN): " + err);
        mounted = true;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            String err = run("umount", mount.toString());
            if (err != null) {
                err = run("umount", "-l", mount.toString());
            }
            assertEquals(null, err, "unmounted");
        }
    }

    /** @return {@code null} on success, else what the command said */
    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? null : String.join(" ", cmd) + ": exit " + p.exitValue() + ": " + out.strip();
    }

    @Test
    void aFullDiskSurfacesAndCorruptsNothing() throws Exception {
        Fixture fx = TestTorrents.v1Single("big.bin", 3 << 20, 65536, 51);
        Torrent t = fx.torrent();
        Path resume = mount.resolve("big.resume");
        Path data = mount.resolve("data");
        StorageException full = null;
        int failedPiece = -1;
        try (Harness h = new Harness()) {
            Storage s = h.files().open(StorageParams.of(t, data).withResumeFile(resume));
            join(s.checkFiles(CheckProgress.NONE, h.loop));
            for (int p = 0; p < t.pieceCount() && full == null; p++) {
                byte[] piece = fx.piece(p);
                List<CompletableFuture<Void>> writes = new ArrayList<>();
                for (int off = 0; off < piece.length; off += 16384) {
                    writes.add(h.write(s, p, off, piece, off, 16384));
                }
                for (CompletableFuture<Void> w : writes) {
                    try {
                        join(w);
                    } catch (java.util.concurrent.CompletionException e) {
                        full = (StorageException) e.getCause();
                        failedPiece = p;
                    }
                }
                if (full == null) {
                    assertTrue(join(h.verify(s, p)), "piece " + p);
                    if (p % 4 == 3) {
                        join(s.saveResumeData(h.loop));
                    }
                } else {
                    assertFalse(join(h.verify(s, p)), "a piece that did not fit never verifies");
                }
            }
            assertNotNull(full, "the disk filled up");
            assertEquals(StorageError.DISK_FULL, full.error(), full.getMessage());
            assertEquals(0, full.fileIndex());
            assertEquals(data.resolve("big.bin"), full.file().orElseThrow());
            assertFalse(s.isVerified(failedPiece));
            for (int p = 0; p < failedPiece; p++) {
                ByteBuffer b = join(h.read(s, p, 0, 16384));
                assertEquals(ByteBuffer.wrap(fx.piece(p), 0, 16384), b, "piece " + p + " still served intact");
            }
            // saving may fail for want of space; either way the resume file is whole
            CompletableFuture<Void> save = s.saveResumeData(h.loop);
            try {
                join(save);
            } catch (java.util.concurrent.CompletionException e) {
                assertEquals(StorageError.DISK_FULL, ((StorageException) e.getCause()).error());
            }
            try {
                s.close();
            } catch (StorageException e) {
                assertEquals(StorageError.DISK_FULL, e.error());
            }
            h.assertAllReleased();
        }
        // what the resume file says is verified is good on disk
        BitSet verified = ResumeFiles.verifiedPieces(resume, t);
        assertTrue(verified.cardinality() > 0);
        for (int p = verified.nextSetBit(0); p >= 0; p = verified.nextSetBit(p + 1)) {
            assertTrue(p < failedPiece);
            assertTrue(t.verifyPiece(p, ResumeFiles.readPiece(t, data, p)), "piece " + p);
        }
        TestTorrents.deleteTree(data);
        Files.deleteIfExists(resume);
    }

    @Test
    void aReadOnlyFileSystemIsPermissionDenied() throws Exception {
        Fixture fx = TestTorrents.v1Single("ro.bin", 100_000, 32768, 52);
        Path data = mount.resolve("ro");
        String err = run("mount", "-o", "remount,ro", mount.toString());
        Assumptions.assumeTrue(err == null, err);
        try (Harness h = new Harness()) {
            try (Storage s = h.files().open(StorageParams.of(fx.torrent(), data))) {
                StorageException e = Harness.failure(h.write(s, 0, 0, fx.piece(0), 0, 16384));
                assertEquals(StorageError.PERMISSION_DENIED, e.error(), e.getMessage());
                assertEquals(0, e.fileIndex());
            }
            h.assertAllReleased();
        } finally {
            assertEquals(null, run("mount", "-o", "remount,rw", mount.toString()));
        }
    }
}
