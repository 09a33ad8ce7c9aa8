package dev.torrpedo.engine.internal.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    private static final long S = 1_000_000_000L;
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 1000);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 1001);

    private static List<InetSocketAddress> due(Candidates c, long now) {
        return c.due(now, 100).stream().map(x -> x.address).toList();
    }

    @Test
    void failuresBackOffDoublingAndAreForgottenAfterTheLast() {
        Candidates c = new Candidates();
        c.add(A, 0);
        assertEquals(List.of(A), due(c, 0));
        long now = 0;
        long wait = Candidates.BASE_BACKOFF_NANOS;
        for (int f = 1; f <= Candidates.MAX_FAILURES; f++) {
            c.failed(A, now);
            assertEquals(List.of(), due(c, now + wait - 1), "failure " + f);
            assertEquals(List.of(A), due(c, now + wait), "failure " + f);
            now += wait;
            wait = Math.min(Candidates.MAX_BACKOFF_NANOS, wait * 2);
        }
        c.failed(A, now);
        assertNull(c.get(A), "given up after " + Candidates.MAX_FAILURES + " failures");
    }

    @Test
    void connectedPeersAreNotDialledAndEndedOnesWait() {
        Candidates c = new Candidates();
        c.add(A, 0);
        c.connected(B, 0);
        assertEquals(List.of(A), due(c, 0));
        c.ended(B, 10 * S);
        assertEquals(List.of(A), due(c, 10 * S));
        assertEquals(List.of(A, B), due(c, 10 * S + Candidates.RECONNECT_NANOS));
        c.connected(B, 11 * S);
        c.restart(12 * S);
        assertEquals(List.of(A, B), due(c, 12 * S), "a restart dials what merely ended at once");
    }

    @Test
    void aRefusedHandshakeIsRetriedInPlaintextAtOnceAndNeverMeansNever() {
        Candidates c = new Candidates();
        c.add(A, 0);
        c.get(A).connected = true;
        c.retryPlaintext(A, 5 * S);
        assertEquals(List.of(A), due(c, 5 * S));
        assertTrue(c.get(A).plaintext);
        c.never(A);
        c.restart(6 * S);
        c.add(A, 6 * S);
        assertEquals(List.of(), due(c, 100 * S));
    }

    @Test
    void theListIsBounded() {
        Candidates c = new Candidates();
        for (int i = 0; i < Candidates.MAX_CANDIDATES + 100; i++) {
            c.add(new InetSocketAddress("10.0." + (i / 250) + "." + (i % 250), 6881), 0);
        }
        assertEquals(Candidates.MAX_CANDIDATES, c.size());
    }
}
