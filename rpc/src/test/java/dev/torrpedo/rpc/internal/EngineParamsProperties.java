package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.StorageMode;
import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.SessionRpc;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The engine's methods for any params: each call is answered with a result or with one of the
 * documented errors, never an internal error, and the server keeps serving. The params mix the
 * names each method takes with values of every JSON type, ids of a torrent that exists, a valid
 * .torrent and paths in and out of the allowed roots.
 */
class EngineParamsProperties {
    /** Each method with the names it takes (and one it does not). */
    private static final Map<String, List<String>> METHODS = new LinkedHashMap<>();

    static {
        List<String> id = List.of("id");
        METHODS.put("session.getSettings", List.of());
        METHODS.put("session.setSettings", List.of("maxConnections", "uploadRateLimit", "encryption", "handshakeTimeoutMs",
                "seedTimeLimitMs", "seedRatioLimit", "listenPort", "allowedRoots", "allowLocalTrackers"));
        METHODS.put("session.stats", List.of());
        METHODS.put("metainfo.inspect", List.of("magnet", "torrent", "path"));
        METHODS.put("torrent.add", List.of("magnet", "torrent", "path", "savePath", "paused", "sequential",
                "filePriorities", "peers", "limits", "failIfDuplicate"));
        METHODS.put("torrent.list", List.of("fields", "filter", "sort", "offset", "limit"));
        METHODS.put("torrent.get", List.of("id", "fields"));
        for (String m : List.of("files", "peers", "trackers", "pause", "resume", "recheck", "reannounce")) {
            METHODS.put("torrent." + m, id);
        }
        METHODS.put("torrent.remove", List.of("id", "deleteData"));
        METHODS.put("torrent.setFilePriorities", List.of("id", "priorities", "files"));
        METHODS.put("torrent.setOptions", List.of("id", "sequential", "limits"));
        METHODS.put("torrent.move", List.of("id", "savePath"));
        METHODS.put("sync.get", List.of("sinceRevision"));
    }

    /** Names of nested objects: filter, sort, limits, files. */
    private static final List<String> NESTED = List.of("states", "ids", "text", "field", "descending", "downloadRate",
            "uploadRate", "maxConnections", "seedRatio", "seedTimeMs", "index", "priority", "nope");
    private static final List<Integer> DOCUMENTED = List.of(-32700, -32600, -32601, -32602, -32001, -32002, -32003,
            -32004, -32005);

    private static Path dir;
    private static DefaultRpcServer server;
    private static Connection client;
    private static String torrentBase64;
    private static String torrentId;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("rpc-params");
        Seeder.Payload p = Seeder.payload(dir.resolve("made"));
        torrentBase64 = p.base64();
        torrentId = p.torrent().infoHash().id();
        Path downloads = dir.resolve("dl");
        Files.createDirectories(downloads);
        Files.write(downloads.resolve("x.torrent"), p.torrent().bytes());
        Session session = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(downloads).storageMode(StorageMode.MEMORY).networkThreads(1).build();
        server = (DefaultRpcServer) SessionRpc.builder(session, downloads).build();
        client = server.connect();
    }

    @AfterContainer
    static void stop() throws IOException {
        server.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Provide
    Arbitrary<String> calls() {
        Arbitrary<Object> value = value(3);
        return Arbitraries.of(List.copyOf(METHODS.keySet())).flatMap(method -> {
            List<String> names = new ArrayList<>(METHODS.get(method));
            names.add("nope");
            Arbitrary<Map<String, Object>> params = Arbitraries.maps(Arbitraries.frequencyOf(
                    Tuple.of(20, Arbitraries.of(names)), Tuple.of(1, Arbitraries.of(NESTED))), value)
                    .ofMaxSize(names.size()).map(LinkedHashMap::new);
            return Combinators.combine(params, Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false)))
                    .as((p, named) -> "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":"
                            + write(named ? p : new ArrayList<>(p.values())) + "}");
        });
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(8).map(s -> (Object) s),
                Arbitraries.of(torrentId, torrentId.toUpperCase(), torrentBase64, "x.torrent", "sub/dir", "../out",
                        "/", "127.0.0.1:1", "[::1]:2", "magnet:?xt=urn:btih:" + torrentId, "seeding", "name",
                        "addedAt", "prefer").map(s -> (Object) s),
                Arbitraries.integers().between(-3, 10).map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> child = Arbitraries.lazy(() -> value(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(5, leaf),
                Tuple.of(1, child.list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.maps(Arbitraries.of(NESTED), child).ofMaxSize(3)
                        .map(m -> (Object) new LinkedHashMap<>(m))));
    }

    private static String write(Object v) {
        return new String(new JsonWriter().valueBytes(v), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    @Property(tries = 1500)
    void everyCallIsAnsweredWithAResultOrADocumentedError(@ForAll("calls") String call) {
        Map<String, Object> answer = Fixtures.map(Fixtures.call(server, client, call));
        assertEquals("2.0", answer.get("jsonrpc"));
        assertEquals(1, answer.get("id"));
        if (answer.containsKey("error")) {
            Object code = ((Map<String, Object>) answer.get("error")).get("code");
            Statistics.collect(code);
            assertNotEquals(RpcErrorCode.INTERNAL_ERROR.code(), code, call + " -> " + answer);
            assertTrue(DOCUMENTED.contains(code), call + " -> " + answer);
        } else {
            Statistics.collect("result");
            assertTrue(answer.containsKey("result"), answer.toString());
        }
    }
}
