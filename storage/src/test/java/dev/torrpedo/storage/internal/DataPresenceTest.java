package dev.torrpedo.storage.internal;

import static dev.torrpedo.storage.TestTorrents.Spec.file;
import static dev.torrpedo.storage.TestTorrents.Spec.pad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.storage.Harness;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.storage.TestTorrents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check's view of which pieces may have data: the same answers as hasData, each file looked at once. */
class DataPresenceTest {
    @TempDir
    Path dir;

    @Test
    void answersAsHasDataAndLooksAtEachFileOnce() throws Exception {
        TestTorrents.Fixture fx = TestTorrents.v1("p", 16384, 73, file("a.bin", 40_000), pad(9152),
                file("b.bin", 30_000), file("c.bin", 50_000));
        try (Harness h = new Harness()) {
            FileBackend b = new FileBackend(StorageParams.of(fx.torrent(), dir), (DiskThreads) h.disk);
            Path root = dir.resolve("p");
            Files.createDirectories(root);
            Files.write(root.resolve("a.bin"), new byte[40_000]);
            Files.write(root.resolve("c.bin"), new byte[20_000]); // short: its later pieces have nothing
            IntPredicate view = b.dataPresence();
            for (int piece = 0; piece < fx.torrent().pieceCount(); piece++) {
                assertEquals(b.hasData(piece), view.test(piece), "piece " + piece);
            }
            int inB = 49_152 / 16384; // b.bin starts after a.bin and its pad; this piece is all b.bin
            Files.write(root.resolve("b.bin"), new byte[30_000]);
            assertTrue(b.hasData(inB), "b.bin is there now");
            assertFalse(view.test(inB), "the view looked at b.bin once, before it was written");
            assertTrue(b.dataPresence().test(inB), "a new view (a new check) sees it");
            b.close();
        }
    }
}
