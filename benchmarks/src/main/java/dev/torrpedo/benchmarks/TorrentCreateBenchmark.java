package dev.torrpedo.benchmarks;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Creating a torrent of 1 GiB (four files of uneven sizes, written in setup and read from
 * the page cache) with {@link TorrentCreator} on every core, v1 and hybrid, against the raw
 * single-core SHA-1 (and SHA-256) rate over the same bytes read the same way.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TorrentCreateBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 4, time = 4)
@Fork(1)
public class TorrentCreateBenchmark {
    /** 1 GiB in all: three files of 300 MB and the rest, so that a hybrid needs pad files. */
    private static final long[] SIZES = {300_000_000L, 300_000_000L, 300_000_000L, (1L << 30) - 900_000_000L};
    private static final int BUFFER = 1 << 20;

    private Path dir;
    private List<Path> files;

    @Setup(Level.Trial)
    public void writeFiles() throws IOException {
        dir = Files.createTempDirectory("torrpedo-create-bench");
        files = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[BUFFER];
        for (int i = 0; i < SIZES.length; i++) {
            Path f = dir.resolve("payload/file-" + i + ".bin");
            Files.createDirectories(f.getParent());
            try (OutputStream out = Files.newOutputStream(f)) {
                for (long left = SIZES[i]; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
            files.add(f);
        }
        rawSha1(); // read once so that every benchmark starts from the page cache
    }

    @TearDown(Level.Trial)
    public void deleteFiles() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Torrent createV1() throws IOException, InterruptedException {
        return TorrentCreator.builder(dir.resolve("payload")).version(TorrentVersion.V1).build().create();
    }

    @Benchmark
    public Torrent createHybrid() throws IOException, InterruptedException {
        return TorrentCreator.builder(dir.resolve("payload")).version(TorrentVersion.HYBRID).build().create();
    }

    /** The baseline: one thread, SHA-1 over every byte, read in 1 MiB chunks. */
    @Benchmark
    public byte[] rawSha1() {
        return digestAll("SHA-1");
    }

    /** What a hybrid must compute on top of SHA-1, on one thread. */
    @Benchmark
    public byte[] rawSha256() {
        return digestAll("SHA-256");
    }

    private byte[] digestAll(String algorithm) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            byte[] buf = new byte[BUFFER];
            for (Path f : files) {
                try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                    long pos = 0;
                    int n;
                    while ((n = ch.read(ByteBuffer.wrap(buf), pos)) > 0) {
                        md.update(buf, 0, n);
                        pos += n;
                    }
                }
            }
            return md.digest();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
