package dev.torrpedo.benchmarks;

import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.PeerMessageDecoder;
import dev.torrpedo.wire.PeerMessageEncoder;
import dev.torrpedo.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Piece messages of 16 KiB blocks: decoding a stream of 64 frames (1 MiB) into
 * {@code Piece} records whose blocks are slices, and encoding {@code Piece}s through the
 * {@link PeerMessageEncoder} handler (a 13-byte header and the block itself). Scores are
 * per piece message; bytes per second = score x 16,397. {@code receive} feeds the same
 * stream through a {@link PeerMessageDecoder} in a pipeline, as socket reads of
 * {@value #READ} bytes that split frames, and holds every block until the whole megabyte
 * is in (as the disk queue does), so what the decoder's cumulation costs shows.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PieceMessageBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.leakDetection.level=disabled")
public class PieceMessageBenchmark {
    static final int BLOCK = 16 * 1024;
    static final int FRAMES = 64;
    /** A socket read: not a multiple of the frame, so most reads end inside a block. */
    static final int READ = 65_000;

    private ByteBuf stream;
    private ByteBuf block;
    private EmbeddedChannel encoder;
    private EmbeddedChannel receiver;
    private final List<PeerMessage.Piece> held = new ArrayList<>(FRAMES);

    @Setup(Level.Trial)
    public void setUp() {
        byte[] data = new byte[BLOCK];
        new Random(1).nextBytes(data);
        stream = PooledByteBufAllocator.DEFAULT.directBuffer(FRAMES * (BLOCK + 13));
        for (int i = 0; i < FRAMES; i++) {
            stream.writeInt(BLOCK + 9).writeByte(7).writeInt(i).writeInt(0).writeBytes(data);
        }
        block = PooledByteBufAllocator.DEFAULT.directBuffer(BLOCK).writeBytes(data);
        encoder = new EmbeddedChannel(new PeerMessageEncoder());
        encoder.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        receiver = new EmbeddedChannel(new PeerMessageDecoder(WireLimits.DEFAULT));
        receiver.config().setAllocator(ByteBufAllocator.DEFAULT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        stream.release();
        block.release();
        encoder.finishAndReleaseAll();
        receiver.finishAndReleaseAll();
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void decode(Blackhole bh) {
        stream.readerIndex(0);
        for (PeerMessage m = PeerMessageDecoder.decode(stream, WireLimits.DEFAULT); m != null;
                m = PeerMessageDecoder.decode(stream, WireLimits.DEFAULT)) {
            bh.consume(m);
            ((PeerMessage.Piece) m).release();
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void encode(Blackhole bh) {
        for (int i = 0; i < FRAMES; i++) {
            encoder.writeOutbound(new PeerMessage.Piece(i, 0, block.retainedDuplicate()));
            ByteBuf header = encoder.readOutbound();
            ByteBuf body = encoder.readOutbound();
            bh.consume(header.getInt(0));
            bh.consume(body);
            header.release();
            body.release();
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void receive(Blackhole bh) {
        int total = stream.writerIndex();
        for (int at = 0; at < total; at += READ) {
            int n = Math.min(READ, total - at);
            // a fresh buffer per read, as the socket's receive allocator hands out
            ByteBuf read = ByteBufAllocator.DEFAULT.directBuffer(n).writeBytes(stream, at, n);
            receiver.writeInbound(read);
            for (Object m = receiver.readInbound(); m != null; m = receiver.readInbound()) {
                held.add((PeerMessage.Piece) m);
            }
        }
        for (PeerMessage.Piece p : held) {
            bh.consume(p.block().nioBuffer());
            p.release();
        }
        held.clear();
    }
}
