package dev.torrpedo.benchmarks;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.torrpedo.rpc.RpcServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON-RPC bridge end to end on in-memory streams: 10,000 pipelined requests read from
 * "stdin", dispatched to a handler that returns a small status map, answered on "stdout"
 * (line framing, limits, parsing, record binding, writing, the writer thread). Beside it, the
 * floor: jackson-jr alone reading each request into a map and writing the same answer.
 * Figures are per request.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar RpcBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RpcBenchmark {
    private static final int REQUESTS = 10_000;

    /** The params of the benchmarked method. */
    public record TorrentId(String id) {
    }

    private byte[] input;
    private List<byte[]> lines;
    private Map<String, Object> status;

    @Setup
    public void setup() {
        status = new LinkedHashMap<>();
        status.put("id", "0123456789abcdef0123456789abcdef01234567");
        status.put("name", "ubuntu-24.04-desktop-amd64.iso");
        status.put("state", "downloading");
        status.put("progress", 0.4231);
        status.put("downloadRate", 5_242_880L);
        status.put("uploadRate", 65_536L);
        status.put("peers", 42);
        StringBuilder sb = new StringBuilder();
        lines = new java.util.ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String line = "{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"torrent.get\",\"params\":"
                    + "{\"id\":\"0123456789abcdef0123456789abcdef01234567\"}}";
            sb.append(line).append('\n');
            lines.add(line.getBytes(StandardCharsets.UTF_8));
        }
        input = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Counts what it is given and keeps nothing. */
    private static final class Sink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public long bridge() throws InterruptedException {
        RpcServer server = RpcServer.builder()
                .method("torrent.get", TorrentId.class, p -> status)
                .build();
        Sink out = new Sink();
        server.serve(new ByteArrayInputStream(input), out);
        return out.bytes;
    }

    @Benchmark
    @OperationsPerInvocation(REQUESTS)
    public long jacksonJrAlone() throws IOException {
        long n = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            Map<String, Object> request = JSON.std.mapFrom(line);
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("jsonrpc", "2.0");
            response.put("id", request.get("id"));
            response.put("result", status);
            out.reset();
            JSON.std.write(response, out);
            n += out.size();
        }
        return n;
    }
}
