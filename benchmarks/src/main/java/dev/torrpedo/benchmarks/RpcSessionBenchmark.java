package dev.torrpedo.benchmarks;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Changes;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.StorageMode;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.rpc.RpcServer;
import dev.torrpedo.rpc.SessionRpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a frontend's queries cost with many torrents: a session holding {@code torrents} paused
 * torrents (in memory), bound with {@link SessionRpc} and served over a pipe pair as
 * {@code torrpedo rpc} serves stdio. One op is one request written and its whole answer read
 * back: {@code torrent.list} of every torrent with every field, {@code sync.get} from 0 (the
 * full table) and from the current revision (what a progress tick costs when nothing changed).
 * Beside them, the floor: the engine's own snapshot of every torrent ({@code changesSince(0)}),
 * which each of them starts from.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RpcSessionBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RpcSessionBenchmark {
    @Param({"1000"})
    public int torrents;

    private Path dir;
    private Session session;
    private Thread serving;
    private OutputStream toServer;
    private BufferedReader fromServer;
    private long id;
    private long revision;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        dir = Files.createTempDirectory("rpc-bench");
        session = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0).downloadDir(dir)
                .storageMode(StorageMode.MEMORY).networkThreads(1).build();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < torrents; i++) {
            session.add(AddTorrent.bytes(torrent(i, random)).withPaused(true)).join();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (session.torrents().stream().anyMatch(t -> t.status().state() != TorrentState.PAUSED)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the torrents did not all settle as paused");
            }
            Thread.sleep(10);
        }
        RpcServer server = SessionRpc.builder(session, dir).engineVersion("bench").build();
        Pipe in = Pipe.open();
        Pipe out = Pipe.open();
        toServer = Channels.newOutputStream(in.sink());
        fromServer = new BufferedReader(new InputStreamReader(Channels.newInputStream(out.source()),
                StandardCharsets.UTF_8), 1 << 20);
        InputStream serverIn = Channels.newInputStream(in.source());
        OutputStream serverOut = Channels.newOutputStream(out.sink());
        serving = new Thread(() -> {
            try {
                server.serve(serverIn, serverOut);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-serving");
        serving.start();
        String sync = call("sync.get", "{\"sinceRevision\":0}");
        int at = sync.indexOf("\"revision\":") + "\"revision\":".length();
        revision = Long.parseLong(sync.substring(at, sync.indexOf(',', at)));
    }

    /** A single-file v1 torrent of 16 pieces whose name and hashes differ for each {@code i}. */
    private static byte[] torrent(int i, SplittableRandom random) {
        byte[] pieces = new byte[16 * 20];
        random.nextBytes(pieces);
        BDictionary info = BDictionary.builder().put("length", 16L * 16 * 1024).put("name", "torrent-" + i + ".bin")
                .put("piece length", 16L * 1024).put("pieces", pieces).build();
        return BencodeEncoder.encode(BDictionary.builder().put("info", info).build());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        // the end of the input shuts the server down, which closes the session
        toServer.close();
        serving.join(TimeUnit.SECONDS.toMillis(30));
        fromServer.close();
        session.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private String call(String method, String params) throws IOException {
        long n = ++id;
        toServer.write(("{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"method\":\"" + method + "\",\"params\":" + params
                + "}\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
        String line = fromServer.readLine();
        if (line == null || !line.startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"result\"")) {
            throw new IllegalStateException("unexpected answer to " + method + ": " + line);
        }
        return line;
    }

    @Benchmark
    public int list() throws IOException {
        return call("torrent.list", "{}").length();
    }

    @Benchmark
    public int syncFull() throws IOException {
        return call("sync.get", "{\"sinceRevision\":0}").length();
    }

    @Benchmark
    public int syncNothingChanged() throws IOException {
        return call("sync.get", "{\"sinceRevision\":" + revision + "}").length();
    }

    @Benchmark
    public int engineSnapshotAlone() {
        Changes c = session.changesSince(0);
        return c.changed().size();
    }
}
