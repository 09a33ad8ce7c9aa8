package dev.torrpedo.benchmarks;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.DiskIoPool;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageFactory;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.storage.StorageSettings;
import dev.torrpedo.storage.VerifierPool;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The verifier pool hashing 64 MiB (256 pieces of 256 KiB) held by an in-memory storage:
 * one op verifies every piece ({@code Storage.verify}: queue, hash lane, SHA-1 or SHA-256
 * merkle, compare, callback), with 1 or 2 verifier threads. The baselines hash the same
 * bytes on one thread in a bare loop: {@code MessageDigest} SHA-1 per piece, SHA-256 per
 * 16 KiB block (the leaves, which are nearly all of a v2 piece's hashing).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar VerifierBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifierBenchmark {
    static final int PIECE = 256 * 1024;
    static final int SIZE = 64 << 20;

    @Param({"V1", "V2"})
    public String version;

    @Param({"1", "2"})
    public int threads;

    byte[] data;
    Torrent torrent;
    DiskIoPool disk;
    VerifierPool verifier;
    Storage storage;

    @Setup
    public void setUp() throws Exception {
        data = StorageFixtures.random(SIZE, 7);
        torrent = version.equals("V1") ? StorageFixtures.v1(data, PIECE) : StorageFixtures.v2(data, PIECE);
        disk = DiskIoPool.create(StorageSettings.builder().diskThreads(1).build());
        verifier = VerifierPool.create(threads);
        storage = StorageFactory.memory(disk, verifier).open(StorageParams.of(torrent, Path.of("unused")));
        StorageFixtures.download(storage, torrent, data);
    }

    @TearDown
    public void tearDown() throws Exception {
        storage.close();
        verifier.close();
        disk.close();
    }

    /** Every piece verified again by the pool: read back from memory without copying, hashed, compared. */
    @Benchmark
    public void verifyAll() {
        CompletableFuture<?>[] all = new CompletableFuture<?>[torrent.pieceCount()];
        for (int p = 0; p < all.length; p++) {
            all[p] = StorageFixtures.verify(storage, p);
        }
        CompletableFuture.allOf(all).join();
    }

    /** The bare loop over the same bytes, one thread (the {@code threads} parameter does not apply). */
    @Benchmark
    public int bareDigest() throws Exception {
        int ok = 0;
        if (version.equals("V1")) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (int p = 0; p < torrent.pieceCount(); p++) {
                sha1.update(data, p * PIECE, PIECE);
                ok += sha1.digest()[0];
            }
        } else {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (int off = 0; off < SIZE; off += 16384) {
                sha256.update(data, off, 16384);
                ok += sha256.digest()[0];
            }
        }
        return ok;
    }
}
