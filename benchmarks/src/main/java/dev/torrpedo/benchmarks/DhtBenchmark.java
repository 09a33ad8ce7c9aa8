package dev.torrpedo.benchmarks;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.krpc.KrpcDecoder;
import dev.torrpedo.dht.krpc.KrpcEncoder;
import dev.torrpedo.dht.krpc.KrpcLimits;
import dev.torrpedo.dht.krpc.KrpcMessage;
import dev.torrpedo.dht.krpc.KrpcMethod;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.ResponseBody;
import dev.torrpedo.dht.routing.RoutingConfig;
import dev.torrpedo.dht.routing.RoutingTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
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
 * The DHT's hot paths: decoding and encoding a {@code get_peers} answer (a token, 8 nodes,
 * 50 peers: the biggest common datagram), and picking the 8 closest nodes of a full
 * routing table, which every answer to {@code find_node}/{@code get_peers} does.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar DhtBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DhtBenchmark {
    private final KrpcDecoder decoder = new KrpcDecoder(KrpcLimits.DEFAULT);
    private final KrpcEncoder encoder = new KrpcEncoder(new byte[] {'T', 'P', 0, 1});
    private KrpcMessage response;
    private byte[] wire;
    private RoutingTable table;
    private NodeId[] targets;
    private int next;

    @Setup
    public void setUp() throws UnknownHostException {
        SplittableRandom r = new SplittableRandom(1);
        List<DhtContact> nodes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            nodes.add(new DhtContact(NodeId.random(r), new InetSocketAddress(address(r), 1 + r.nextInt(65535))));
        }
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            peers.add(new InetSocketAddress(address(r), 1 + r.nextInt(65535)));
        }
        response = new KrpcResponse(new byte[] {1, 2}, NodeId.random(r), peers.get(0),
                new ResponseBody.Peers(new byte[8], peers, nodes, List.of(), null, null));
        wire = encoder.encode(response);
        table = new RoutingTable(NodeId.random(r), new RoutingConfig(8, 8, true, true, 2, 900_000), 0);
        for (int i = 0; i < 100_000; i++) {
            table.heard(new DhtContact(NodeId.random(r), new InetSocketAddress(address(r), 6881)), false, 0);
        }
        targets = new NodeId[1024];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = NodeId.random(r);
        }
    }

    private static InetAddress address(SplittableRandom r) throws UnknownHostException {
        return InetAddress.getByAddress(new byte[] {(byte) (1 + r.nextInt(200)), (byte) r.nextInt(256),
            (byte) r.nextInt(256), (byte) r.nextInt(256)});
    }

    @Benchmark
    public KrpcMessage decodeGetPeersResponse() {
        return decoder.decode(wire, 0, wire.length, t -> KrpcMethod.GET_PEERS);
    }

    @Benchmark
    public byte[] encodeGetPeersResponse() {
        return encoder.encode(response);
    }

    @Benchmark
    public List<DhtContact> closestEight() {
        return table.closest(targets[next++ & 1023], 8, 0);
    }
}
