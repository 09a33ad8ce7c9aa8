package dev.torrpedo.benchmarks;

import bt.bencoding.model.BEObject;
import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEList;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Torrpedo's bencode against bt's (com.github.atomashpolskiy:bt-bencoding), same inputs,
 * same run: decode only, decode then visit every value, and encode a decoded tree.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar BencodeBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BencodeBenchmark {

    @Param({"torrent-10000-files", "dht-get-peers-response"})
    public String input;

    private byte[] bytes;
    private BValue torrpedoValue;
    private BEMap btValue;

    @Setup
    public void setUp() {
        bytes = input.startsWith("torrent") ? BencodeFixtures.multiFileTorrent(10_000) : BencodeFixtures.dhtGetPeersResponse();
        torrpedoValue = BencodeDecoder.lenient().decode(bytes);
        btValue = btDecode();
    }

    @Benchmark
    public BValue torrpedoDecode() {
        return BencodeDecoder.lenient().decode(bytes);
    }

    @Benchmark
    public BEMap btDecode() {
        try (BEParser parser = new BEParser(bytes)) {
            return parser.readMap();
        }
    }

    @Benchmark
    public long torrpedoDecodeAndVisit() {
        return visit(BencodeDecoder.lenient().decode(bytes));
    }

    @Benchmark
    public long btDecodeAndVisit() {
        return visit(btDecode());
    }

    /** Re-encodes a tree decoded from non-canonical input (the slow path: keys sorted again). */
    @Benchmark
    public byte[] torrpedoEncode() {
        return BencodeEncoder.encode(torrpedoValue);
    }

    @Benchmark
    public byte[] btEncode() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        btValue.writeTo(out);
        return out.toByteArray();
    }

    /** Sums every integer and string length, iteratively. */
    static long visit(BValue root) {
        long sum = 0;
        ArrayDeque<BValue> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            BValue v = todo.pop();
            switch (v.kind()) {
                case STRING:
                    sum += ((BString) v).length();
                    break;
                case INTEGER:
                    sum += ((BInteger) v).value();
                    break;
                case LIST:
                    for (BValue e : (BList) v) {
                        todo.push(e);
                    }
                    break;
                default:
                    for (BDictionary.Entry e : ((BDictionary) v).entries()) {
                        sum += e.key().length();
                        todo.push(e.value());
                    }
                    break;
            }
        }
        return sum;
    }

    static long visit(BEObject<?> root) {
        long sum = 0;
        ArrayDeque<BEObject<?>> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            BEObject<?> v = todo.pop();
            if (v instanceof BEString s) {
                sum += s.getValue().length;
            } else if (v instanceof BEInteger i) {
                sum += i.longValueExact();
            } else if (v instanceof BEList l) {
                for (BEObject<?> e : l.getValue()) {
                    todo.push(e);
                }
            } else {
                for (var e : ((BEMap) v).getValue().entrySet()) {
                    sum += e.getKey().length();
                    todo.push(e.getValue());
                }
            }
        }
        return sum;
    }
}
