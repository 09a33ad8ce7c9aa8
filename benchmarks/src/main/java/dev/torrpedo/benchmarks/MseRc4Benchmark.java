package dev.torrpedo.benchmarks;

import dev.torrpedo.wire.internal.Rc4;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.security.GeneralSecurityException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
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
 * MSE/PE's RC4 on one core, 16 KiB at a time: ours (Bouncy Castle's engine, as the MSE
 * handlers use it, on a heap array and in place on a pooled direct buffer) against the JDK's
 * own {@code ARCFOUR} cipher. Scores are 16 KiB operations per second.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar MseRc4Benchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class MseRc4Benchmark {
    static final int CHUNK = 16 * 1024;

    private final byte[] key = "a twenty byte key!!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private byte[] data;
    private Rc4 ours;
    private Cipher jdk;
    private ByteBuf direct;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        data = new byte[CHUNK];
        new Random(1).nextBytes(data);
        ours = new Rc4(key);
        jdk = Cipher.getInstance("ARCFOUR");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        direct = PooledByteBufAllocator.DEFAULT.directBuffer(CHUNK).writeBytes(data);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        direct.release();
    }

    @Benchmark
    public byte[] bouncyCastleHeap() {
        ours.process(data, 0, CHUNK, data, 0);
        return data;
    }

    @Benchmark
    public ByteBuf bouncyCastleDirectInPlace() {
        ours.processInPlace(direct, 0, CHUNK);
        return direct;
    }

    @Benchmark
    public byte[] jdkArcfour() throws ShortBufferException {
        jdk.update(data, 0, CHUNK, data, 0);
        return data;
    }
}
