package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.rpc.RpcServer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class StdioTransportTest {

    record Wait(int id) {
    }

    @Test
    void helloThenShutdownAnswersThenEnds() throws Exception {
        AtomicInteger hooks = new AtomicInteger();
        RpcServer server = Fixtures.builder().capabilities("magnet").onShutdown(hooks::incrementAndGet).build();
        try (PipeClient c = new PipeClient(server)) {
            Map<String, Object> hello = c.call(1, "engine.hello", "{\"client\":\"test\",\"protocolVersion\":1}");
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) hello.get("result");
            assertEquals(1, result.get("protocolVersion"));
            assertEquals("test", result.get("engineVersion"));
            assertEquals(List.of("batch", "events", "magnet"), result.get("capabilities"));
            assertTrue(((List<?>) result.get("methods")).containsAll(List.of("engine.hello", "engine.shutdown",
                    "events.subscribe", "events.unsubscribe", "subtract")));
            assertEquals(RpcServer.STANDARD_EVENTS, result.get("events"));

            assertEquals(Map.of("jsonrpc", "2.0", "id", 2, "result", Map.of()), c.call(2, "engine.shutdown", null));
            assertTrue(c.awaitServed(), "serve() returns after engine.shutdown, stdin still open");
            assertEquals(List.of(), c.rest());
            assertEquals(1, hooks.get());
        }
        assertEquals(1, hooks.get(), "the hook runs once");
    }

    @Test
    void endOfInputAnswersWhatWasSentThenShutsDown() throws Exception {
        AtomicInteger hooks = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        RpcServer server = Fixtures.builder().onShutdown(hooks::incrementAndGet)
                .blockingMethod("wait", Wait.class, p -> {
                    release.await();
                    return p.id();
                }).build();
        try (PipeClient c = new PipeClient(server)) {
            c.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"wait\",\"params\":[1]}");
            c.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subtract\",\"params\":[5,3]}");
            c.closeInput();
            assertEquals(2, c.response(2).get("result"));
            release.countDown();
            assertEquals(1, c.response(1).get("result"), "the slow answer still comes after stdin closed");
            assertTrue(c.awaitServed());
            assertEquals(List.of(), c.rest());
            assertEquals(1, hooks.get());
        }
    }

    @Test
    void badLinesGetErrorsAndTheServerKeepsServing() throws Exception {
        try (PipeClient c = new PipeClient(Fixtures.server())) {
            byte[] huge = new byte[(1 << 20) + 100];
            java.util.Arrays.fill(huge, (byte) '[');
            c.send(huge);
            c.send("[".repeat(100) + "]".repeat(100));
            c.send(new byte[] {'{', (byte) 0xFF, '}'});
            c.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
            c.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}");
            c.send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"subtract\",\"params\":{\"minuend\":\"x\"}}");
            c.send("");
            c.send("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"subtract\",\"params\":[2,1]}");
            String[] reasons = {"size", "depth", "utf8", "syntax"};
            for (String reason : reasons) {
                Map<String, Object> e = Fixtures.map(c.nextLine());
                assertNull(e.get("id"));
                @SuppressWarnings("unchecked")
                Map<String, Object> error = (Map<String, Object>) e.get("error");
                assertEquals(-32700, error.get("code"));
                assertEquals(reason, ((Map<?, ?>) error.get("data")).get("reason"));
            }
            assertEquals(-32601, ((Map<?, ?>) Fixtures.map(c.nextLine()).get("error")).get("code"));
            assertEquals(-32602, ((Map<?, ?>) Fixtures.map(c.nextLine()).get("error")).get("code"));
            assertEquals(1, c.response(4).get("result"));
        }
    }

    @Test
    void blockingMethodsRunConcurrentlyAndLinesNeverInterleave() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RpcServer server = Fixtures.builder().blockingMethod("wait", Wait.class, p -> {
            release.await();
            return p.id();
        }).build();
        try (PipeClient c = new PipeClient(server)) {
            c.send("{\"jsonrpc\":\"2.0\",\"id\":\"slow\",\"method\":\"wait\",\"params\":[7]}");
            assertEquals(19, c.call("fast", "subtract", "[42,23]").get("result"), "not held up by the blocked call");
            release.countDown();
            assertEquals(7, c.response("slow").get("result"));

            // a thousand answers completed on other threads, results of 1 KiB to 64 KiB
            int n = 1000;
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String value = "x".repeat(1024 << (i % 7));
                c.send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"later\",\"params\":[\"" + value + "\"]}");
            }
            Set<Object> ids = new HashSet<>();
            for (int i = 0; i < n; i++) {
                Map<String, Object> r = Fixtures.map(c.nextLine());
                assertEquals(1024 << (((Integer) r.get("id")) % 7), ((String) r.get("result")).length());
                assertTrue(ids.add(r.get("id")));
            }
            assertEquals(n, ids.size());
            assertEquals(0, c.connection().inFlight());
        }
    }

    @Test
    void eventsReachSubscribersOnly() throws Exception {
        RpcServer server = Fixtures.builder().events("torrent.trackerError").build();
        assertThrows(IllegalArgumentException.class, () -> server.publish("torrent.nonsense", Map.of()));
        try (PipeClient c = new PipeClient(server)) {
            server.publish("torrent.completed", Map.of("id", "before"));
            Map<String, Object> sub = c.call(1, "events.subscribe", "{\"events\":[\"torrent.completed\",\"torrent.trackerError\"]}");
            Map<String, Object> expected = new java.util.LinkedHashMap<>();
            expected.put("events", List.of("torrent.completed", "torrent.trackerError"));
            expected.put("progressIntervalMs", 0);
            expected.put("fields", null);
            expected.put("revision", null);
            assertEquals(expected, sub.get("result"));
            server.publish("torrent.added", Map.of("id", "not subscribed"));
            server.publish("torrent.completed", Map.of("id", "abc", "revision", 5));
            assertEquals(Map.of("jsonrpc", "2.0", "method", "torrent.completed", "params", Map.of("id", "abc", "revision", 5)),
                    c.notification("torrent.completed"));
            Map<String, Object> unsub = c.call(2, "events.unsubscribe", "{\"events\":[\"torrent.completed\"]}");
            assertEquals(List.of("torrent.trackerError"), ((Map<?, ?>) unsub.get("result")).get("events"));
            server.publish("torrent.completed", Map.of("id", "after"));
            c.call(3, "subtract", "[1,1]");
            assertEquals(List.of(), c.takeNotifications(), "nothing after unsubscribing, nothing before subscribing");
            Map<String, Object> bad = c.call(4, "events.subscribe", "{\"events\":[\"torrent.exploded\"]}");
            assertEquals(-32602, ((Map<?, ?>) bad.get("error")).get("code"));
            Map<String, Object> noFeed = c.call(5, "events.subscribe", "{\"progressIntervalMs\":500}");
            assertEquals(-32602, ((Map<?, ?>) noFeed.get("error")).get("code"), "no progress without a change feed");
            assertEquals(-32601, ((Map<?, ?>) c.call(6, "sync.get", "{\"sinceRevision\":0}").get("error")).get("code"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void progressCarriesChangedFieldsAndSyncCatchesUp() throws Exception {
        FakeFeed feed = new FakeFeed();
        feed.put("aa", Map.of("name", "one", "progress", 0.0, "downloadRate", 0));
        RpcServer server = Fixtures.builder().changeFeed(feed).build();
        try (PipeClient c = new PipeClient(server)) {
            Map<String, Object> hello = (Map<String, Object>) c.call(1, "engine.hello", null).get("result");
            assertTrue(((List<?>) hello.get("capabilities")).containsAll(List.of("progress", "sync")));
            assertTrue(((List<?>) hello.get("events")).contains("torrent.progress"));

            Map<String, Object> full = (Map<String, Object>) c.call(2, "sync.get", "{\"sinceRevision\":0}").get("result");
            assertEquals(true, full.get("full"));
            assertEquals(List.of(Map.of("id", "aa", "name", "one", "progress", 0.0, "downloadRate", 0)), full.get("torrents"));
            assertEquals(Map.of("torrents", 1), full.get("stats"));
            long revision = ((Number) full.get("revision")).longValue();

            Map<String, Object> sub = (Map<String, Object>) c.call(3, "events.subscribe",
                    "{\"events\":[\"torrent.progress\"],\"progressIntervalMs\":100}").get("result");
            assertEquals(List.of("torrent.progress"), sub.get("events"));
            assertEquals(100, sub.get("progressIntervalMs"));
            assertEquals(revision, ((Number) sub.get("revision")).longValue());

            feed.update("aa", Map.of("progress", 0.5, "downloadRate", 1000));
            Map<String, Object> p = (Map<String, Object>) c.notification("torrent.progress").get("params");
            assertEquals(List.of(Map.of("id", "aa", "progress", 0.5, "downloadRate", 1000)), p.get("torrents"),
                    "only the fields that changed");

            // a missed stretch: a new torrent, one removed; sync.get from the last known revision
            feed.put("bb", Map.of("name", "two", "progress", 1.0));
            feed.remove("aa");
            Map<String, Object> sync = (Map<String, Object>) c.call(4, "sync.get",
                    "{\"sinceRevision\":" + p.get("revision") + "}").get("result");
            assertEquals(false, sync.get("full"));
            assertEquals(List.of("aa"), sync.get("removed"));
            assertEquals(List.of(Map.of("id", "bb", "name", "two", "progress", 1.0)), sync.get("torrents"));

            assertEquals(-32602, ((Map<?, ?>) c.call(5, "sync.get", "{\"sinceRevision\":-1}").get("error")).get("code"));
            assertEquals(-32602, ((Map<?, ?>) c.call(6, "sync.get", "{}").get("error")).get("code"));
            assertEquals(-32602, ((Map<?, ?>) c.call(7, "events.subscribe", "{\"progressIntervalMs\":5}").get("error"))
                    .get("code"));
            Map<String, Object> off = (Map<String, Object>) c.call(8, "events.unsubscribe", null).get("result");
            assertEquals(List.of(), off.get("events"));
            assertEquals(0, off.get("progressIntervalMs"));
        }
    }

    @Test
    void crlfAndALastLineWithoutNewlineAreAnswered() throws Exception {
        try (PipeClient c = new PipeClient(Fixtures.server())) {
            c.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subtract\",\"params\":[3,1]}\r");
            assertEquals(2, c.response(1).get("result"));
            c.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"subtract\",\"params\":[3,2]}"
                    .getBytes(StandardCharsets.UTF_8));
            c.closeInput();
            assertEquals(1, c.response(2).get("result"));
            assertTrue(c.awaitServed());
        }
    }
}
