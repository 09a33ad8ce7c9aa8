package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OutboundQueueTest {
    private final AtomicInteger released = new AtomicInteger();
    private final OutboundQueue queue = new OutboundQueue(10, new Messages(new JsonWriter()), released::addAndGet);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> drain() throws InterruptedException {
        List<String> out = new ArrayList<>();
        OutboundQueue.Outgoing o;
        while ((o = queue.poll(0)) != null) {
            out.add(new String(o.bytes(), StandardCharsets.UTF_8));
            queue.written(o);
        }
        return out;
    }

    private static Map<String, Object> progress(long revision, String id, double value) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", id);
        t.put("progress", value);
        return ProgressMerge.params(revision, false, List.of(), List.of(t), Map.of());
    }

    @Test
    void responsesAreNeverDroppedNotificationsAreBounded() throws Exception {
        for (int i = 0; i < 100; i++) {
            queue.offerNotification(b("n" + i));
            if (i % 2 == 0) {
                queue.offerResponse(b("r" + i), 1);
            }
        }
        assertEquals(10, queue.queuedNotifications());
        assertEquals(50, queue.queuedResponses());
        assertEquals(90, queue.droppedTotal());
        List<String> out = drain();
        assertEquals(50, out.stream().filter(s -> s.startsWith("r")).count());
        assertEquals(List.of("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9"),
                out.stream().filter(s -> s.startsWith("n")).toList());
        assertEquals(List.of("{\"jsonrpc\":\"2.0\",\"method\":\"events.dropped\",\"params\":{\"count\":90}}"),
                out.stream().filter(s -> s.startsWith("{")).toList());
        assertEquals(50, released.get());
        assertEquals(0, queue.queuedNotifications());
        assertEquals(0, queue.queuedResponses());
        // room again
        assertTrue(queue.offerNotification(b("again")));
    }

    @Test
    void progressWaitingIsMergedNotQueuedAgain() throws Exception {
        queue.offerResponse(b("r"), 1);
        queue.offerCoalescing("torrent.progress", progress(1, "a", 0.1), ProgressMerge::merge);
        queue.offerCoalescing("torrent.progress", progress(2, "b", 0.5), ProgressMerge::merge);
        queue.offerCoalescing("torrent.progress", progress(3, "a", 0.2), ProgressMerge::merge);
        assertEquals(2, queue.coalescedTotal());
        assertEquals(List.of("r", "{\"jsonrpc\":\"2.0\",\"method\":\"torrent.progress\",\"params\":{\"revision\":3,"
                + "\"full\":false,\"removed\":[],\"torrents\":[{\"id\":\"a\",\"progress\":0.2},{\"id\":\"b\","
                + "\"progress\":0.5}],\"stats\":{}}}"), drain());
        queue.offerCoalescing("torrent.progress", progress(4, "a", 0.3), ProgressMerge::merge);
        assertEquals(1, drain().size(), "once written, the next progress is queued anew");
    }

    @Test
    void progressNeverOvertakesWhatWasQueuedAfterIt() throws Exception {
        queue.offerCoalescing("torrent.progress", progress(1, "a", 0.1), ProgressMerge::merge);
        queue.offerResponse(b("sync.get answer at revision 2"), 1);
        queue.offerCoalescing("torrent.progress", progress(3, "a", 0.3), ProgressMerge::merge);
        queue.offerNotification(b("event at revision 4"));
        queue.offerCoalescing("torrent.progress", progress(5, "a", 0.5), ProgressMerge::merge);
        queue.offerCoalescing("torrent.progress", progress(6, "a", 0.6), ProgressMerge::merge);
        List<String> out = drain();
        assertEquals(5, out.size());
        assertTrue(out.get(0).contains("\"revision\":1,"), out.get(0));
        assertEquals("sync.get answer at revision 2", out.get(1));
        assertTrue(out.get(2).contains("\"revision\":3,"), out.get(2));
        assertEquals("event at revision 4", out.get(3));
        assertTrue(out.get(4).contains("\"revision\":6,") && out.get(4).contains("0.6"), out.get(4));
        assertEquals(1, queue.coalescedTotal());
    }

    @Test
    void closeEndsAfterWhatIsQueued() throws Exception {
        queue.offerResponse(b("r"), 2);
        queue.close();
        queue.offerNotification(b("late"));
        queue.offerResponse(b("late"), 1);
        assertEquals(1, released.get(), "a response after close is not sent, its permit comes back");
        OutboundQueue.Outgoing o = queue.take();
        assertEquals("r", new String(o.bytes(), StandardCharsets.UTF_8));
        queue.written(o);
        assertNull(queue.take());
        assertNull(queue.take());
        assertTrue(queue.ended());
        assertEquals(3, released.get());
    }

    @Test
    @Timeout(60)
    void manyProducersOneSlowConsumer() throws Exception {
        int producers = 4;
        int each = 5000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger maxSeen = new AtomicInteger();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    queue.offerNotification(b("e"));
                    queue.offerCoalescing("torrent.progress", progress(i, "t" + id, i), ProgressMerge::merge);
                    if (i % 10 == 0) {
                        queue.offerResponse(b("r"), 1);
                    }
                    maxSeen.accumulateAndGet(queue.queuedNotifications(), Math::max);
                }
            });
            threads.add(t);
            t.start();
        }
        start.countDown();
        int responses = 0;
        int notifications = 0;
        long dropped = 0;
        boolean producing = true;
        while (producing || queue.size() > 0) {
            producing = threads.stream().anyMatch(Thread::isAlive);
            OutboundQueue.Outgoing o = queue.poll(1);
            if (o == null) {
                continue;
            }
            String s = new String(o.bytes(), StandardCharsets.UTF_8);
            if (s.equals("r")) {
                responses++;
            } else if (s.equals("e")) {
                notifications++;
            } else if (s.contains("events.dropped")) {
                dropped += ((Number) ((Map<?, ?>) Fixtures.map(s).get("params")).get("count")).longValue();
            }
            queue.written(o);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(producers * each / 10, responses, "every response");
        assertEquals(producers * each, notifications + dropped, "every event written or counted as dropped");
        assertEquals(queue.droppedTotal(), dropped);
        assertTrue(maxSeen.get() <= 10, "bounded: " + maxSeen.get());
    }
}
