package dev.torrpedo.benchmarks;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.CheckProgress;
import dev.torrpedo.storage.CheckResult;
import dev.torrpedo.storage.DiskIoPool;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageFactory;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.storage.StorageSettings;
import dev.torrpedo.storage.VerifierPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The file storage on this machine's disk, 512 MiB in pieces of 512 KiB:
 * <ul>
 * <li>{@code write}: a download into an empty directory: every 16 KiB block written in
 *     order through {@code Storage.write}, every piece verified (hashed as its blocks
 *     arrive, on the verifier pool), then {@code flush} (fdatasync) and close;</li>
 * <li>{@code recheck}: {@code checkFiles} without resume data over the same file, hot in
 *     the page cache: read and SHA-1 every piece on the verifier pool (2 threads).</li>
 * </ul>
 * Compare with {@code dd} and {@code sha1sum} over the same file (see benchmarks/README.md).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar StorageDiskBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class StorageDiskBenchmark {
    static final int SIZE = 512 << 20;
    static final int PIECE = 512 * 1024;

    byte[] data;
    Torrent torrent;
    Path dir;
    DiskIoPool disk;
    VerifierPool verifier;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        data = StorageFixtures.random(SIZE, 11);
        torrent = StorageFixtures.v1(data, PIECE);
        dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                "torrpedo-disk-bench");
        disk = DiskIoPool.create(StorageSettings.defaults());
        verifier = VerifierPool.create();
        Files.createDirectories(dir.resolve("seed"));
        Files.write(dir.resolve("seed/bench.bin"), data);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        verifier.close();
        disk.close();
        StorageFixtures.deleteTree(dir);
    }

    @Setup(Level.Invocation)
    public void clean() throws Exception {
        StorageFixtures.deleteTree(dir.resolve("download"));
    }

    @Benchmark
    public void write() throws Exception {
        try (Storage s = StorageFactory.files(disk, verifier).open(StorageParams.of(torrent, dir.resolve("download")))) {
            StorageFixtures.download(s, torrent, data);
            s.flush(StorageFixtures.DIRECT).join();
        }
    }

    @Benchmark
    public int recheck() throws Exception {
        try (Storage s = StorageFactory.files(disk, verifier).open(StorageParams.of(torrent, dir.resolve("seed")))) {
            CheckResult r = s.checkFiles(CheckProgress.NONE, StorageFixtures.DIRECT).join();
            if (r.verified().cardinality() != torrent.pieceCount()) {
                throw new IllegalStateException("recheck found " + r.verified().cardinality() + " pieces");
            }
            return r.hashedPieces();
        }
    }
}
