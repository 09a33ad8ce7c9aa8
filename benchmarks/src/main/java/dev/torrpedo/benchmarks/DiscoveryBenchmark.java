package dev.torrpedo.benchmarks;

import dev.torrpedo.engine.internal.lsd.LsdAnnounce;
import dev.torrpedo.engine.internal.metadata.MetadataFetch;
import dev.torrpedo.engine.internal.pex.PexIntake;
import dev.torrpedo.wire.WireLimits;
import dev.torrpedo.wire.extension.ExtensionCodec;
import dev.torrpedo.wire.extension.Pex;
import dev.torrpedo.wire.extension.PexPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's discovery parsers and the metadata fetch: a whole 1 MiB info dictionary
 * assembled from four peers (64 pieces, requests and answers through {@link MetadataFetch}),
 * a {@code ut_pex} payload of 100 peers decoded and filtered, and an LSD announce parsed.
 * No other implementation is measured beside them (none on the classpath does these).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DiscoveryBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DiscoveryBenchmark {
    private static final int INFO_SIZE = 1 << 20;
    private static final int PIECE = 16 * 1024;

    private byte[] info;
    private byte[][] pieces;
    private byte[] pexPayload;
    private byte[] lsdDatagram;
    private InetAddress sender;

    /** A peer that answers every request at once with the right bytes. */
    private final class Peer implements MetadataFetch.Peer {
        final long id;
        final ArrayDeque<Integer> asked = new ArrayDeque<>();

        Peer(long id) {
            this.id = id;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public InetSocketAddress endpoint() {
            return new InetSocketAddress(sender, 6881 + (int) id);
        }

        @Override
        public void requestMetadata(int piece) {
            asked.add(piece);
        }
    }

    @Setup
    public void setUp() throws UnknownHostException {
        info = new byte[INFO_SIZE];
        new SplittableRandom(1).nextBytes(info);
        pieces = new byte[INFO_SIZE / PIECE][];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = java.util.Arrays.copyOfRange(info, i * PIECE, (i + 1) * PIECE);
        }
        sender = InetAddress.getByName("192.0.2.1");
        List<PexPeer> added = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            added.add(new PexPeer(new InetSocketAddress(InetAddress.getByAddress(new byte[] {20, 1, (byte) (i >> 8),
                    (byte) i}), 6881 + i), PexPeer.SEED));
        }
        pexPayload = ExtensionCodec.encode(new Pex(added, List.of()));
        lsdDatagram = new LsdAnnounce(6881, List.of("0123456789abcdef0123456789abcdef01234567",
                "fedcba9876543210fedcba9876543210fedcba98"), "c00k1e").encode("239.192.152.143:6771");
    }

    @Benchmark
    public byte[] metadataFromFourPeers() {
        byte[][] out = new byte[1][];
        MetadataFetch fetch = new MetadataFetch(30 << 20, new MetadataFetch.Listener() {
            @Override
            public void assembled(byte[] bytes) {
                out[0] = bytes;
            }

            @Override
            public void liar(MetadataFetch.Peer peer, String reason) {
                throw new AssertionError(reason);
            }
        });
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Peer p = new Peer(i);
            peers.add(p);
            fetch.peerJoined(p, INFO_SIZE, 0);
        }
        while (out[0] == null) {
            for (Peer p : peers) {
                Integer piece = p.asked.poll();
                if (piece != null) {
                    fetch.data(p.id, piece, INFO_SIZE, pieces[piece], 0);
                }
            }
        }
        fetch.verified(true, 0);
        return out[0];
    }

    @Benchmark
    public List<InetSocketAddress> pexHundredPeers() {
        return PexIntake.accept(pexPayload, sender, WireLimits.DEFAULT);
    }

    @Benchmark
    public LsdAnnounce lsdAnnounce() {
        return LsdAnnounce.parse(lsdDatagram);
    }
}
