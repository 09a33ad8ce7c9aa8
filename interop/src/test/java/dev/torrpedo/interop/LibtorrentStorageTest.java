package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import dev.torrpedo.storage.CheckProgress;
import dev.torrpedo.storage.CheckResult;
import dev.torrpedo.storage.DiskIoPool;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.StorageFactory;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.storage.StorageSettings;
import dev.torrpedo.storage.VerifierPool;
import dev.torrpedo.storage.WriteHandler;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The storage module against python3-libtorrent: the files our file storage writes (piece by
 * piece, pad files left out, empty files created) are what libtorrent expects, as its own
 * check of them finds every piece; and our check of the original files finds every piece too.
 */
class LibtorrentStorageTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Executor DIRECT = Runnable::run;

    @TempDir
    Path dir;
    DiskIoPool disk;
    VerifierPool verifier;

    @BeforeAll
    static void libtorrentIsThere() {
        RealPeers.requireLibtorrent();
    }

    @BeforeEach
    void pools() {
        disk = DiskIoPool.create(StorageSettings.defaults());
        verifier = VerifierPool.create(2);
    }

    @AfterEach
    void close() {
        verifier.close();
        disk.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"V1", "V2", "HYBRID"})
    void libtorrentFindsEveryPieceWeWrote(TorrentVersion version) throws Exception {
        Path source = Payloads.multiFile(dir.resolve("data"), "payload", 7);
        Files.createDirectories(source.resolve("empty-dir"));
        Files.write(source.resolve("empty-dir/empty"), new byte[0]);
        Torrent t = TorrentCreator.builder(source).version(version).pieceLength(32768).build().create();
        Path file = dir.resolve("ours.torrent");
        Files.write(file, t.bytes());

        try (Storage seed = StorageFactory.files(disk, verifier).open(StorageParams.of(t, dir.resolve("data")))) {
            CheckResult r = seed.checkFiles(CheckProgress.NONE, DIRECT).join();
            assertEquals(t.pieceCount(), r.verified().cardinality(), "we seed from the original files");
        }

        Path out = dir.resolve("out");
        try (Storage s = StorageFactory.files(disk, verifier).open(StorageParams.of(t, out))) {
            for (int p = t.pieceCount() - 1; p >= 0; p--) { // backwards: files grow from their ends, sparse
                ByteBuffer piece = Pieces.read(t, dir.resolve("data"), p);
                for (int off = 0; off < piece.remaining(); off += 16384) {
                    ByteBuffer block = piece.duplicate();
                    block.position(off).limit(Math.min(piece.limit(), off + 16384));
                    write(s, p, off, block.slice()).join();
                }
                CompletableFuture<Boolean> ok = new CompletableFuture<>();
                s.verify(p, DIRECT, (piece2, passed, error) -> ok.complete(passed && error == null));
                assertTrue(ok.join(), "piece " + p);
            }
        }
        assertTrue(Files.isRegularFile(out.resolve("payload/empty-dir/empty")));
        List<String> lt = RealPeers.run(dir, TIMEOUT, RealPeers.PYTHON, RealPeers.pythonScript("lt_metainfo.py").toString(),
                "info", file.toString(), "--check", out.toString()).lines().toList();
        assertEquals("have " + t.pieceCount() + " of " + t.pieceCount(), lt.get(lt.size() - 1));
    }

    private static CompletableFuture<Void> write(Storage s, int piece, int offset, ByteBuffer block) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        s.write(piece, offset, block, () -> { }, DIRECT, new WriteHandler() {
            @Override
            public void written(int p, int o, int length, StorageException error) {
                if (error != null) {
                    f.completeExceptionally(error);
                } else {
                    f.complete(null);
                }
            }

            @Override
            public void drained() {
            }
        });
        return f;
    }
}
