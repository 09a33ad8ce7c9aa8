package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The dispatcher for any input: every answer is a well-formed JSON-RPC 2.0 message; a
 * request's id and params come back as sent; a batch gets one answer per request, in order,
 * and none for notifications.
 */
class DispatcherProperties {
    private static DefaultRpcServer server;
    private static Connection client;

    @BeforeContainer
    static void start() {
        server = Fixtures.server();
        client = server.connect();
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Provide
    Arbitrary<Object> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(19), BigInteger.TEN.pow(30)).map(b -> (Object) b),
                Arbitraries.bigDecimals().ofScale(3).map(d -> (Object) d),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<Object> values() {
        return value(4);
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.bigDecimals().ofScale(2).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Object> child = Arbitraries.lazy(() -> value(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, leaf),
                Tuple.of(1, child.list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), child).ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<>(m))));
    }

    private static String write(Object v) {
        return new String(new JsonWriter().valueBytes(v), StandardCharsets.UTF_8);
    }

    @Property(tries = 500)
    void idAndParamsComeBackAsSent(@ForAll("ids") Object id, @ForAll("values") Object value) {
        String request = "{\"jsonrpc\":\"2.0\",\"id\":" + write(id) + ",\"method\":\"echo\",\"params\":["
                + write(value) + "]}";
        Map<String, Object> response = Fixtures.map(Fixtures.call(server, client, request));
        WellFormed.check(response);
        assertTrue(StatusDiff.sameJson(Fixtures.json(write(id)), response.get("id")), "id " + id);
        assertTrue(StatusDiff.sameJson(Fixtures.json(write(value)), response.get("result")), "value " + value);
    }

    @Property(tries = 300)
    void aBatchGetsOneAnswerPerRequestInOrder(@ForAll("batch") List<Object> elements) {
        StringBuilder batch = new StringBuilder("[");
        List<Object> expectedIds = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            Object e = elements.get(i);
            batch.append(i > 0 ? "," : "");
            if (e instanceof Integer) {
                // a request with this id
                batch.append("{\"jsonrpc\":\"2.0\",\"id\":").append(e).append(",\"method\":\"subtract\",\"params\":[")
                        .append(e).append(",1]}");
                expectedIds.add(e);
            } else if ("notification".equals(e)) {
                batch.append("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[1,1]}");
            } else {
                // not a request object: answered with id null
                batch.append(write(e));
                expectedIds.add(null);
            }
        }
        String answer = Fixtures.call(server, client, batch.append("]").toString());
        if (expectedIds.isEmpty()) {
            assertNull(answer, "a batch of notifications gets no answer at all");
            return;
        }
        List<?> responses = (List<?>) Fixtures.json(answer);
        WellFormed.check(responses);
        List<Object> ids = new ArrayList<>();
        for (Object r : responses) {
            ids.add(((Map<?, ?>) r).get("id"));
        }
        assertEquals(expectedIds, ids);
    }

    @Provide
    Arbitrary<List<Object>> batch() {
        Arbitrary<Object> element = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 1_000_000).map(i -> (Object) i),
                Arbitraries.just("notification"),
                Arbitraries.oneOf(Arbitraries.integers().map(i -> (Object) List.of(i)), Arbitraries.just((Object) "x"),
                        Arbitraries.just((Object) Map.of("jsonrpc", "1.0", "method", "m"))));
        return element.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 2000)
    void anyBytesGetAWellFormedAnswerOrNone(@ForAll byte[] input) {
        String answer = Fixtures.call(server, client, input);
        if (answer != null) {
            WellFormed.check(Fixtures.json(answer));
        }
    }

    @Property(tries = 1000)
    void mutatedRequestsGetAWellFormedAnswerOrNone(@ForAll int where, @ForAll byte what, @ForAll("values") Object v) {
        byte[] b = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[" + write(v) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        b[Math.floorMod(where, b.length)] = what;
        String answer = Fixtures.call(server, client, b);
        if (answer != null) {
            WellFormed.check(Fixtures.json(answer));
        }
    }
}
