package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ten thousand lines of junk through the stdio transport: every few hundred, a real request
 * proves the server still answers; at the end nothing is held for the junk: no request in
 * flight, nothing queued, and the heap within 2 MiB of what it was after 2,000 lines (by then
 * the line buffer has grown to its 1 MiB limit), so a leak of 256 bytes a line would show.
 */
@Timeout(300)
class JunkTest {
    private static final int LINES = 10_000;
    private static final int CHECK_EVERY = 500;
    private static final long HEAP_SLACK = 2L << 20;

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void tenThousandJunkLinesLeaveTheServerServingAndItsMemoryFlat() throws Exception {
        Junk junk = new Junk(20_260_101L);
        try (PipeClient c = new PipeClient(Fixtures.server())) {
            Connection conn = c.connection();
            long heapAfterWarmup = -1;
            int answers = 0;
            for (int i = 1; i <= LINES; i++) {
                if (i % 2000 == 0) {
                    byte[] huge = new byte[(1 << 20) + 4096];
                    Arrays.fill(huge, (byte) '{');
                    c.send(huge);
                } else {
                    c.send(junk.next());
                }
                if (i % CHECK_EVERY == 0) {
                    String id = "alive-" + i;
                    c.send("{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"method\":\"subtract\",\"params\":[" + i + ",1]}");
                    answers += drainUntil(c, id, i - 1);
                    if (i == 2000) {
                        heapAfterWarmup = usedHeapAfterGc();
                    }
                }
            }
            assertTrue(answers > LINES / 2, "most junk is answered with an error: " + answers);
            assertEquals(0, conn.inFlight(), "no request held");
            assertEquals(0, conn.outbound().queuedResponses());
            assertEquals(0, conn.outbound().queuedNotifications());
            assertEquals(0, conn.outbound().size());
            assertEquals(1, c.server().connections().size());
            long heapAtEnd = usedHeapAfterGc();
            System.out.printf("junk: %d answers; heap after 2,000 lines %d, after %d lines %d%n", answers,
                    heapAfterWarmup, LINES, heapAtEnd);
            assertTrue(heapAtEnd - heapAfterWarmup < HEAP_SLACK, "heap grew by " + (heapAtEnd - heapAfterWarmup)
                    + " bytes over 8,000 junk lines (from " + heapAfterWarmup + ")");
            assertFalse(c.server().stopping().isDone());
        }
    }

    /** Reads (and counts) every answer up to the one with this id, checking each is well-formed. */
    private static int drainUntil(PipeClient c, String id, int expected) throws InterruptedException {
        int n = 0;
        while (true) {
            String line = c.nextLine();
            if (line.equals("EOF")) {
                fail("the server stopped");
            }
            Object json = Fixtures.json(line);
            if (json instanceof Map && id.equals(((Map<?, ?>) json).get("id"))) {
                assertEquals(expected, ((Map<?, ?>) json).get("result"));
                return n;
            }
            WellFormed.check(json);
            n++;
        }
    }
}
