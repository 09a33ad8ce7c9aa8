package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.torrpedo.rpc.RpcLimits;
import dev.torrpedo.rpc.RpcServer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A frontend that stops reading stdout: the engine keeps publishing without blocking, every
 * response still arrives, progress is coalesced rather than queued, other notifications are
 * bounded and their loss is announced, and memory stays bounded meanwhile.
 */
@Timeout(180)
class SlowReaderTest {
    private static final int MAX_NOTIFICATIONS = 64;
    private static final int EVENTS = 20_000;
    private static final int REQUESTS = 300;

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 60 s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void responsesSurviveProgressCoalescesEventsAreBounded() throws Exception {
        FakeFeed feed = new FakeFeed();
        RpcServer server = Fixtures.builder().changeFeed(feed)
                .limits(RpcLimits.defaults().withMaxQueuedNotifications(MAX_NOTIFICATIONS)).build();
        try (PipeClient c = new PipeClient(server, false)) {
            c.send("{\"jsonrpc\":\"2.0\",\"id\":\"sub\",\"method\":\"events.subscribe\",\"params\":{\"progressIntervalMs\":100}}");
            Connection conn = c.connection();
            ProgressScheduler scheduler = c.server().scheduler();
            await("subscribed", () -> conn.subscription().progress());

            String padding = "p".repeat(200);
            for (int i = 0; i < EVENTS; i++) {
                server.publish("torrent.completed", Map.of("id", "t" + (i % 10), "note", padding));
            }
            String payload = "x".repeat(1024);
            for (int i = 0; i < REQUESTS; i++) {
                c.send("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"echo\",\"params\":[\"" + payload + "\"]}");
            }
            long offeredBefore = scheduler.progressOffered();
            int maxNotifications = 0;
            int maxResponses = 0;
            int maxQueue = 0;
            int step = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (scheduler.progressOffered() < offeredBefore + 10) {
                if (System.nanoTime() > deadline) {
                    fail("the scheduler offered no progress");
                }
                String id = "t" + (step % 10);
                if (feed.state().containsKey(id)) {
                    feed.update(id, Map.of("progress", step, "downloadRate", step * 10));
                } else {
                    feed.put(id, Map.of("name", id, "progress", step));
                }
                step++;
                maxNotifications = Math.max(maxNotifications, conn.outbound().queuedNotifications());
                maxResponses = Math.max(maxResponses, conn.outbound().queuedResponses());
                maxQueue = Math.max(maxQueue, conn.outbound().size());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            assertTrue(maxNotifications <= MAX_NOTIFICATIONS, "events bounded: " + maxNotifications);
            assertTrue(maxResponses <= REQUESTS + 1, "responses bounded by requests in flight: " + maxResponses);
            assertTrue(maxQueue <= MAX_NOTIFICATIONS + REQUESTS + 4, "the queue holds one progress at most: " + maxQueue);
            assertTrue(conn.outbound().coalescedTotal() > 0, "progress was merged while the reader was away");
            long dropped = conn.outbound().droppedTotal();
            assertTrue(dropped >= EVENTS / 2, "most events dropped, not queued: " + dropped);

            c.startReading();
            Set<Object> ids = new HashSet<>();
            int completed = 0;
            long droppedAnnounced = 0;
            int progressReceived = 0;
            Map<String, Map<String, Object>> model = new HashMap<>();
            Map<String, Object> stats = new HashMap<>();
            Map<String, Map<String, Object>> finalState = feed.state();
            while (ids.size() < REQUESTS + 1 || !model.equals(finalState)) {
                Map<String, Object> m = Fixtures.map(c.nextLine());
                Object method = m.get("method");
                if (method == null) {
                    assertTrue(ids.add(m.get("id")), "each response once: " + m.get("id"));
                    if (!"sub".equals(m.get("id"))) {
                        assertEquals(payload, m.get("result"));
                    }
                } else if (method.equals("torrent.completed")) {
                    completed++;
                } else if (method.equals("events.dropped")) {
                    droppedAnnounced += ((Number) ((Map<?, ?>) m.get("params")).get("count")).longValue();
                } else if (method.equals("torrent.progress")) {
                    progressReceived++;
                    StatusProperties.applyProgress(model, stats, (Map<String, Object>) m.get("params"));
                } else {
                    fail("unexpected " + m);
                }
            }
            assertEquals(REQUESTS + 1, ids.size());
            assertEquals(EVENTS, completed + droppedAnnounced, "every event delivered or counted as dropped");
            assertEquals(dropped, droppedAnnounced);
            assertTrue(progressReceived < scheduler.progressOffered(), "fewer progress notifications written ("
                    + progressReceived + ") than ticks that had changes (" + scheduler.progressOffered() + ")");
            assertEquals(finalState, model, "the coalesced progress adds up to the final state");
            assertEquals(List.of(), List.copyOf(c.takeNotifications()));
        }
    }
}
