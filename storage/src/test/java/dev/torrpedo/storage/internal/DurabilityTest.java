package dev.torrpedo.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.storage.Harness;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.storage.TestTorrents;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability rule, watched at the backend: every piece a resume file records as
 * verified had all its bytes written before a force that came before the resume file was
 * renamed into place. (A power cut cannot be caused in a test; this records the order of
 * the real calls instead: the backend is the in-memory one with a log around it.)
 */
class DurabilityTest {
    @TempDir
    Path dir;

    @AfterEach
    void unhook() {
        AtomicFiles.beforeRename = null;
    }

    /** Logs writes and forces, then does them. */
    static final class Logged implements Backend {
        final Backend inner;
        final List<String> log = Collections.synchronizedList(new ArrayList<>());

        Logged(Backend inner) {
            this.inner = inner;
        }

        @Override
        public void write(int piece, int offset, ByteBuffer data) throws StorageException {
            inner.write(piece, offset, data);
            log.add("write " + piece);
        }

        @Override
        public void read(int piece, int offset, ByteBuffer dst, ReadMode mode) throws StorageException {
            log.add("read " + piece + " " + offset + " " + dst.remaining());
            inner.read(piece, offset, dst, mode);
        }

        @Override
        public ByteBuffer view(int piece) {
            return null; // read back through read(), so that it is logged
        }

        @Override
        public boolean hasData(int piece) {
            return inner.hasData(piece);
        }

        @Override
        public void force() throws StorageException {
            log.add("force");
            inner.force();
        }

        @Override
        public void flushBehind() {
            log.add("flush-behind");
            inner.flushBehind();
        }

        @Override
        public void markAllDirty() {
            inner.markAllDirty();
        }

        @Override
        public List<FileStamp> stamps() throws StorageException {
            return inner.stamps();
        }

        @Override
        public void setPriorities(int[] priorities) throws StorageException {
            inner.setPriorities(priorities);
        }

        @Override
        public Path root() {
            return inner.root();
        }

        @Override
        public void move(Path newRoot) throws StorageException {
            inner.move(newRoot);
        }

        @Override
        public void delete() throws StorageException {
            inner.delete();
        }

        @Override
        public void close() throws StorageException {
            inner.close();
        }
    }

    @Test
    void aPieceIsRecordedVerifiedOnlyAfterItsBytesWereForced() throws Exception {
        TestTorrents.Fixture fx = TestTorrents.v1Single("d.bin", 64 * 16384, 16384, 71);
        Path resume = dir.resolve("d.resume");
        List<Logged> backends = new ArrayList<>();
        try (Harness h = new Harness()) {
            List<String> log;
            Storage s = TorrentStorage.open(StorageParams.of(fx.torrent(), dir).withResumeFile(resume), (p, d) -> {
                Logged l = new Logged(new MemoryBackend(p, d));
                backends.add(l);
                return l;
            }, h.disk, h.verifier);
            log = backends.get(0).log;
            AtomicFiles.beforeRename = tmp -> {
                try {
                    BitSet recorded = ResumeDataAccess.verified(Files.readAllBytes(tmp), fx.torrent());
                    log.add("resume " + recorded);
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
            };
            List<CompletableFuture<Void>> saves = new ArrayList<>();
            for (int p = 0; p < fx.torrent().pieceCount(); p++) {
                h.writePiece(s, p, fx.piece(p), 16384);
                h.verify(s, p); // not awaited: saves race the verdicts
                if (p % 5 == 4) {
                    saves.add(s.saveResumeData(h.loop));
                }
            }
            for (CompletableFuture<Void> f : saves) {
                Harness.join(f);
            }
            s.close();
            List<String> events = new ArrayList<>(log);
            BitSet forced = new BitSet();
            BitSet written = new BitSet();
            int resumes = 0;
            for (String e : events) {
                if (e.startsWith("write ")) {
                    written.set(Integer.parseInt(e.substring(6)));
                } else if (e.equals("force")) {
                    forced.or(written);
                } else if (e.startsWith("resume ")) {
                    resumes++;
                    BitSet recorded = parse(e.substring(7));
                    BitSet notForced = (BitSet) recorded.clone();
                    notForced.andNot(forced);
                    assertTrue(notForced.isEmpty(), "recorded verified before forced: " + notForced);
                }
            }
            assertTrue(resumes >= saves.size() + 1, "every save and the close wrote resume data");
            assertEquals(fx.torrent().pieceCount(), parse(events.get(events.size() - 1).substring(7)).cardinality(),
                    "the last, on close, records every piece");
        }
    }

    @Test
    void theDiskIsAskedToCatchUpAfterEachStretchOfWrites() throws Exception {
        int piece = 1 << 20;
        int pieces = (int) (TorrentStorage.FLUSH_BEHIND_BYTES / piece) + 1;
        TestTorrents.Fixture fx = TestTorrents.v1Single("f.bin", pieces * piece, piece, 72);
        List<Logged> backends = new ArrayList<>();
        try (Harness h = new Harness()) {
            Storage s = TorrentStorage.open(StorageParams.of(fx.torrent(), dir), (p, d) -> {
                Logged l = new Logged(new MemoryBackend(p, d));
                backends.add(l);
                return l;
            }, h.disk, h.verifier);
            List<String> log = backends.get(0).log;
            for (int p = 0; p < pieces - 2; p++) { // a piece short of the threshold
                h.writePiece(s, p, fx.piece(p), 16384);
            }
            Harness.join(s.flush(h.loop)); // every write above is done
            assertEquals(0, Collections.frequency(log, "flush-behind"), "under the threshold: no flush-behind");
            h.writePiece(s, pieces - 2, fx.piece(pieces - 2), 16384);
            h.writePiece(s, pieces - 1, fx.piece(pieces - 1), 16384);
            Harness.await(() -> Collections.frequency(log, "flush-behind") == 1, "a flush-behind once past it");
            assertEquals(1, Collections.frequency(log, "force"), "a flush-behind is not a force (the flush above is)");
            s.close();
        }
    }

    private static BitSet parse(String braces) {
        BitSet b = new BitSet();
        String inner = braces.substring(1, braces.length() - 1).trim();
        if (!inner.isEmpty()) {
            for (String n : inner.split(",\\s*")) {
                b.set(Integer.parseInt(n));
            }
        }
        return b;
    }
}
