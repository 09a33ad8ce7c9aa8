package dev.torrpedo.benchmarks;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.codec.HttpReplyDecoder;
import dev.torrpedo.tracker.codec.ReplyLimits;
import dev.torrpedo.tracker.codec.UdpReply;
import dev.torrpedo.tracker.codec.UdpRequest;
import dev.torrpedo.tracker.codec.UdpTrackerCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.SplittableRandom;
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
 * The tracker codecs: an HTTP announce reply with compact IPv4 and IPv6 peers, a UDP
 * announce reply, and a UDP announce request with BEP 41 URL data.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TrackerBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrackerBenchmark {
    private static final ReplyLimits LIMITS = new ReplyLimits(1 << 20, 10_000, Duration.ofSeconds(300), Duration.ofMinutes(30));

    @Param({"50", "1000"})
    public int peers;

    private byte[] httpReply;
    private ByteBuf udpReply;
    private UdpRequest.Announce udpRequest;
    private ByteBuf out;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        byte[] v4 = new byte[peers * 6];
        byte[] v6 = new byte[peers / 4 * 18];
        random.nextBytes(v4);
        random.nextBytes(v6);
        httpReply = BencodeEncoder.encode(BDictionary.builder().put("interval", 1800).put("min interval", 900)
                .put("complete", 100).put("incomplete", 200).put("peers", v4).put("peers6", v6).build());
        udpReply = Unpooled.buffer().writeInt(1).writeInt(7).writeInt(1800).writeInt(200).writeInt(100).writeBytes(v4);
        byte[] hash = new byte[20];
        random.nextBytes(hash);
        udpRequest = new UdpRequest.Announce(0x1234L, 7, InfoHash.v1(hash), PeerId.generate(random), 1, 2, 3,
                AnnounceEvent.STARTED, 0, 42, 50, 6881, "/announce?passkey=0123456789abcdef");
        out = Unpooled.buffer(256);
    }

    @TearDown
    public void tearDown() {
        udpReply.release();
        out.release();
    }

    @Benchmark
    public AnnounceResponse httpAnnounceReply() {
        return HttpReplyDecoder.announce(httpReply, LIMITS);
    }

    @Benchmark
    public UdpReply udpAnnounceReply() {
        return UdpTrackerCodec.decodeReply(udpReply, false, 10_000);
    }

    @Benchmark
    public int udpAnnounceRequest() {
        out.clear();
        UdpTrackerCodec.encode(udpRequest, out);
        return out.writerIndex();
    }
}
