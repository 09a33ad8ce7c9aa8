package dev.torrpedo.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.storage.Harness;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.storage.TestTorrents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocks that arrive in order are hashed as they come: verifying reads back only what came out of order. */
class IncrementalHashTest {

    @Test
    void onlyWhatCameOutOfOrderIsReadBack() {
        TestTorrents.Fixture fx = TestTorrents.v1Single("i.bin", 4 * 65536, 65536, 81);
        List<DurabilityTest.Logged> backends = new ArrayList<>();
        try (Harness h = new Harness()) {
            Storage s = TorrentStorage.open(StorageParams.of(fx.torrent(), Path.of("unused")), (p, d) -> {
                DurabilityTest.Logged l = new DurabilityTest.Logged(new MemoryBackend(p, d));
                backends.add(l);
                return l;
            }, h.disk, h.verifier);
            List<String> log = backends.get(0).log;
            byte[] p0 = fx.piece(0);
            h.writePiece(s, 0, p0, 16384); // in order
            assertTrue(Harness.join(h.verify(s, 0)));
            assertEquals(List.of(), reads(log), "an in-order piece is never read back");

            byte[] p1 = fx.piece(1);
            Harness.join(h.write(s, 1, 0, p1, 0, 16384));
            Harness.join(h.write(s, 1, 32768, p1, 32768, 16384)); // gap: from here on, out of order
            Harness.join(h.write(s, 1, 49152, p1, 49152, 16384));
            Harness.join(h.write(s, 1, 16384, p1, 16384, 16384)); // fills the gap, still hashed in order
            assertTrue(Harness.join(h.verify(s, 1)));
            assertEquals(List.of("read 1 32768 32768"), reads(log), "only the blocks after the gap are read back");

            byte[] p2 = fx.piece(2);
            for (int off = 65536 - 16384; off >= 0; off -= 16384) {
                Harness.join(h.write(s, 2, off, p2, off, 16384));
            }
            log.clear();
            assertTrue(Harness.join(h.verify(s, 2)));
            assertEquals(List.of("read 2 16384 49152"), reads(log), "block 0 came last and was hashed; the rest read back");
            s.close();
        } catch (dev.torrpedo.storage.StorageException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> reads(List<String> log) {
        synchronized (log) {
            return log.stream().filter(e -> e.startsWith("read ")).toList();
        }
    }
}
