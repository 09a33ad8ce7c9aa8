package dev.torrpedo.engine.internal.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Simulated time: senders retry exactly when told, in the order they become ready. */
class RateLimiterTest {
    private static final long S = 1_000_000_000L;
    private static final int CHUNK = 16 * 1024 + 13; // a PIECE message with one block

    private final AtomicLong clock = new AtomicLong(5 * S);

    /** Runs the senders for {@code seconds} of simulated time; returns each one's bytes/s. */
    private double[] run(List<RateLimiter> senders, long seconds) {
        long start = clock.get();
        long end = start + seconds * S;
        long[] sent = new long[senders.size()];
        PriorityQueue<long[]> ready = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long seq = 0;
        for (int i = 0; i < senders.size(); i++) {
            ready.add(new long[] {start, seq++, i});
        }
        while (!ready.isEmpty()) {
            long[] ev = ready.poll();
            if (ev[0] >= end) {
                break;
            }
            clock.set(ev[0]);
            int i = (int) ev[2];
            long r = senders.get(i).acquire(CHUNK, CHUNK);
            if (RateLimiter.granted(r)) {
                assertEquals(CHUNK, r);
                sent[i] += r;
                ready.add(new long[] {ev[0], seq++, i});
            } else {
                ready.add(new long[] {ev[0] + RateLimiter.waitNanos(r), seq++, i});
            }
        }
        clock.set(end);
        double[] rates = new double[sent.length];
        for (int i = 0; i < sent.length; i++) {
            rates[i] = sent[i] / (double) seconds;
        }
        return rates;
    }

    @Test
    void unlimitedIsTheDefault() {
        RateLimiter peer = RateLimiter.root(clock::get).newChild().newChild();
        assertTrue(peer.isUnlimited());
        assertEquals(1L << 32, peer.acquire(1L << 40), "one grant is at most 4 GiB");
    }

    @Test
    void aLimitedSenderConvergesToTheRate() {
        RateLimiter root = RateLimiter.root(clock::get);
        root.setRate(100_000);
        double[] r = run(List.of(root), 200);
        assertEquals(100_000, r[0], 1_000);
        root.setRate(300_000);
        r = run(List.of(root), 200);
        assertEquals(300_000, r[0], 3_000, "follows a new rate");
    }

    @Test
    void peersUnderOneLimitShareItEvenly() {
        RateLimiter global = RateLimiter.root(clock::get);
        global.setRate(200_000);
        List<RateLimiter> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            peers.add(global.newChild());
        }
        double[] r = run(peers, 300);
        double sum = 0;
        for (double x : r) {
            assertEquals(50_000, x, 2_500);
            sum += x;
        }
        assertEquals(200_000, sum, 2_000);
    }

    @Test
    void everyLevelOfTheTreeHoldsItsLimit() {
        RateLimiter global = RateLimiter.root(clock::get);
        global.setRate(1_000_000);
        RateLimiter torrentA = global.newChild();
        torrentA.setRate(300_000);
        RateLimiter torrentB = global.newChild();
        RateLimiter a1 = torrentA.newChild();
        a1.setRate(50_000);
        RateLimiter a2 = torrentA.newChild();
        RateLimiter a3 = torrentA.newChild();
        RateLimiter b1 = torrentB.newChild();
        RateLimiter b2 = torrentB.newChild();
        double[] r = run(List.of(a1, a2, a3, b1, b2), 300);
        assertEquals(50_000, r[0], 1_500, "the peer's own limit");
        assertEquals(300_000, r[0] + r[1] + r[2], 4_000, "torrent A's limit");
        assertEquals(125_000, r[1], 6_000, "the rest of A shared");
        assertEquals(700_000, r[3] + r[4], 10_000, "torrent B takes what the session has left");
        assertEquals(1_000_000, r[0] + r[1] + r[2] + r[3] + r[4], 10_000, "the session's limit");
    }

    @Test
    void theWaitHintIsExact() {
        RateLimiter root = RateLimiter.root(clock::get);
        root.setRate(100_000, 100_000);
        assertEquals(100_000, root.acquire(1_000_000), "a full burst");
        long r = root.acquire(10_000, 10_000);
        assertFalse(RateLimiter.granted(r));
        assertEquals(100_000_000L, RateLimiter.waitNanos(r), "10 kB at 100 kB/s");
        clock.addAndGet(RateLimiter.waitNanos(r) - 1);
        assertFalse(RateLimiter.granted(root.acquire(10_000, 10_000)));
        clock.addAndGet(1);
        assertEquals(10_000, root.acquire(10_000, 10_000));
    }

    @Test
    void aMessageLargerThanTheBurstGoesWhenTheBucketIsFullAndIsPaidBack() {
        RateLimiter root = RateLimiter.root(clock::get);
        root.setRate(100_000, 50_000);
        assertEquals(150_000, root.acquire(150_000, 150_000), "overdraft from a full bucket");
        long r = root.acquire(1);
        assertEquals(1_000_000_000L + 10_000L, RateLimiter.waitNanos(r), "100 kB of debt, then 1 byte");
    }

    @Test
    void aRefusalAboveGivesBackWhatWasTakenBelow() {
        RateLimiter global = RateLimiter.root(clock::get);
        global.setRate(100_000, 100_000);
        RateLimiter peer = global.newChild();
        peer.setRate(100_000, 100_000);
        RateLimiter other = global.newChild();
        assertEquals(100_000, other.acquire(100_000), "drains the global bucket");
        assertFalse(RateLimiter.granted(peer.acquire(10_000)));
        clock.addAndGet(S / 10);
        // 10 kB came back to the global bucket; the peer's own bucket is still full
        assertEquals(10_000, peer.acquire(100_000));
        global.setRate(RateLimiter.UNLIMITED);
        assertEquals(90_000, peer.acquire(1_000_000), "the peer's bucket paid only for what went");
    }

    @Test
    void concurrentTakersNeverSpendTheSameTokens() throws Exception {
        AtomicLong frozen = new AtomicLong(0);
        RateLimiter global = RateLimiter.root(frozen::get);
        global.setRate(1_000_000, 600_000);
        RateLimiter torrent = global.newChild();
        torrent.setRate(2_000_000, 1_000_000);
        int threads = 4;
        AtomicLong total = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            RateLimiter peer = torrent.newChild();
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                long r;
                while (RateLimiter.granted(r = peer.acquire(1000 + (int) (Thread.currentThread().getId() % 7) * 100, 1))) {
                    total.addAndGet(r);
                }
            }, "limiter-" + t);
            ts.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : ts) {
            th.join(30_000);
            assertFalse(th.isAlive());
        }
        assertEquals(600_000, total.get(), "exactly the global burst, with time standing still");
        // the torrent bucket got back whatever the global one could not match
        global.setRate(RateLimiter.UNLIMITED);
        assertEquals(400_000, torrent.acquire(1_000_000));
    }

    @Test
    void argumentsAreChecked() {
        RateLimiter root = RateLimiter.root(clock::get);
        assertThrows(IllegalArgumentException.class, () -> root.setRate(-1));
        assertThrows(IllegalArgumentException.class, () -> root.setRate(1000, 0));
        assertThrows(IllegalArgumentException.class, () -> root.acquire(0));
        assertThrows(IllegalArgumentException.class, () -> root.acquire(10, 11));
        assertThrows(IllegalArgumentException.class, () -> root.acquire(1L << 40, 1L << 33));
        TransferLimits session = TransferLimits.root(clock::get);
        TransferLimits peer = session.newChild().newChild();
        session.upload().setRate(1000);
        assertFalse(peer.upload().isUnlimited());
        assertTrue(peer.download().isUnlimited());
        assertEquals(session.upload(), peer.upload().parent().parent());
    }
}
