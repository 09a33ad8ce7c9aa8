package dev.torrpedo.engine.internal.choke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Scripted snapshots over simulated time; the caller applies each decision before the next round. */
class ChokerTest {
    private static final long S = 1_000_000_000L;
    private static final long ROUND = Choker.ROUND_NANOS;

    /** A simulated swarm: peers with fixed rates whose unchoked flag follows the decisions. */
    private static final class Swarm {
        final Map<Long, ChokePeer> peers = new HashMap<>();

        void add(long id, boolean interested, long up, long down, long connectedAt) {
            peers.put(id, new ChokePeer(id, interested, false, up, down, false, false, connectedAt));
        }

        List<ChokePeer> snapshot() {
            List<ChokePeer> l = new ArrayList<>(peers.values());
            l.sort((a, b) -> Long.compare(a.id(), b.id()));
            return l;
        }

        ChokeDecision round(Choker c, boolean seeding, long now) {
            List<ChokePeer> snap = snapshot();
            ChokeDecision d = c.decide(snap, seeding, now);
            for (ChokePeer p : snap) {
                boolean u = d.unchokes(p.id());
                // while unchoked, the rate we upload to it is what it would take; choked, zero
                peers.put(p.id(), new ChokePeer(p.id(), p.interested(), u, p.uploadRate(), p.downloadRate(), p.snubbed(),
                        p.seed(), p.connectedSinceNanos()));
            }
            return d;
        }
    }

    private static Set<Long> regular(ChokeDecision d) {
        Set<Long> r = new HashSet<>(d.unchoke());
        r.remove(d.optimistic());
        return r;
    }

    @Test
    void titForTatUnchokesTheFourWhoGiveUsMost() {
        Swarm s = new Swarm();
        for (long id = 1; id <= 8; id++) {
            s.add(id, true, 0, id * 10_000, 0);
        }
        Choker c = new Choker(Choker.DEFAULT_SLOTS, new SplittableRandom(1));
        ChokeDecision d = s.round(c, false, 100 * S);
        assertEquals(Set.of(8L, 7L, 6L, 5L), regular(d));
        assertEquals(5, d.unchoke().size());
        assertTrue(d.optimistic() >= 1 && d.optimistic() <= 4, "optimistic from the rest");
        List<ChokePeer> snap = s.snapshot();
        assertEquals(List.of(), d.toUnchoke(snap), "applied");
    }

    @Test
    void snubbedUninterestedAndSeedsGetNoRegularSlot() {
        List<ChokePeer> peers = List.of(
                new ChokePeer(1, true, false, 0, 900_000, true, false, 0),   // snubbed
                new ChokePeer(2, false, false, 0, 800_000, false, false, 0), // not interested
                new ChokePeer(3, true, false, 0, 700_000, false, true, 0),   // seed
                new ChokePeer(4, true, false, 0, 10, false, false, 0),
                new ChokePeer(5, true, true, 0, 5, false, false, 0));
        ChokeDecision d = new Choker(4, new SplittableRandom(1)).decide(peers, false, 100 * S);
        assertEquals(Set.of(4L, 5L), regular(d));
        assertEquals(1L, d.optimistic(), "a snubbed peer may still be drawn optimistically");
        assertEquals(List.of(1L, 4L), d.toUnchoke(peers));
        assertEquals(List.of(), d.toChoke(peers));
    }

    @Test
    void equalRatesKeepWhoIsAlreadyUnchoked() {
        List<ChokePeer> peers = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            peers.add(new ChokePeer(id, true, id >= 3, 0, 1000, false, false, 0));
        }
        ChokeDecision d = new Choker(4, new SplittableRandom(1)).decide(peers, false, 100 * S);
        assertEquals(Set.of(3L, 4L, 5L, 6L), regular(d));
    }

    @Test
    void theOptimisticSlotRotatesEveryThirtySeconds() {
        Swarm s = new Swarm();
        for (long id = 1; id <= 10; id++) {
            s.add(id, true, 0, id <= 4 ? 1_000_000 * id : 0, 0);
        }
        Choker c = new Choker(4, new SplittableRandom(7));
        Set<Long> seen = new HashSet<>();
        long previous = -1;
        int changes = 0;
        long lastChange = 0;
        for (long t = 1000 * S; t < 1000 * S + 600 * S; t += ROUND) {
            ChokeDecision d = s.round(c, false, t);
            assertEquals(Set.of(1L, 2L, 3L, 4L), regular(d), "regular slots are stable");
            assertTrue(d.optimistic() >= 5);
            if (d.optimistic() != previous) {
                if (previous >= 0) {
                    assertEquals(30 * S, t - lastChange, "changes every 30 s exactly");
                    assertNotEquals(previous, d.optimistic());
                }
                changes++;
                lastChange = t;
                previous = d.optimistic();
            }
            seen.add(d.optimistic());
        }
        assertEquals(20, changes);
        assertEquals(Set.of(5L, 6L, 7L, 8L, 9L, 10L), seen, "everyone gets a turn");
    }

    @Test
    void aLeavingOrUninterestedOptimisticPeerIsReplacedAtOnce() {
        Swarm s = new Swarm();
        for (long id = 1; id <= 4; id++) {
            s.add(id, true, 0, 0, 0);
        }
        Choker c = new Choker(1, new SplittableRandom(3));
        long opt = s.round(c, false, 100 * S).optimistic();
        s.peers.remove(opt);
        long next = s.round(c, false, 110 * S).optimistic();
        assertTrue(next >= 0 && next != opt, "replaced within the 30 s");
        s.peers.put(next, new ChokePeer(next, false, true, 0, 0, false, false, 0));
        ChokeDecision d = s.round(c, false, 120 * S);
        assertNotEquals(next, d.optimistic());
        assertTrue(d.optimistic() >= 0);
        assertFalse(d.unchokes(next), "an uninterested peer is choked");
    }

    @Test
    void newPeersAreThreeTimesAsLikelyToBeDrawn() {
        int newWins = 0;
        int trials = 4000;
        SplittableRandom seeds = new SplittableRandom(11);
        for (int i = 0; i < trials; i++) {
            long now = 1000 * S;
            List<ChokePeer> peers = List.of(
                    new ChokePeer(1, true, false, 0, 0, false, false, 0),              // old
                    new ChokePeer(2, true, false, 0, 0, false, false, now - 10 * S));  // new
            ChokeDecision d = new Choker(0, seeds.split()).decide(peers, false, now);
            if (d.optimistic() == 2) {
                newWins++;
            }
        }
        assertEquals(0.75, newWins / (double) trials, 0.03);
    }

    @Test
    void aSeedFavoursTheFastestAndRotatesEveryoneThrough() {
        Swarm s = new Swarm();
        // what we could upload to each peer if it were unchoked: 1, 2, ... 8 MB/s
        for (long id = 1; id <= 8; id++) {
            s.add(id, true, id * 1_000_000, 0, 0);
        }
        Choker c = new Choker(4, new SplittableRandom(5));
        Map<Long, Integer> rounds = new HashMap<>();
        Map<Long, Integer> run = new HashMap<>();
        int longestRun = 0;
        for (long t = 100 * S; t < 100 * S + 1200 * S; t += ROUND) {
            ChokeDecision d = s.round(c, true, t);
            assertEquals(5, d.unchoke().size());
            if (t == 100 * S) {
                assertEquals(Set.of(8L, 7L, 6L, 5L), regular(d), "at first, all waited as long: the fastest win");
            }
            for (long id = 1; id <= 8; id++) {
                if (regular(d).contains(id)) {
                    rounds.merge(id, 1, Integer::sum);
                    longestRun = Math.max(longestRun, run.merge(id, 1, Integer::sum));
                } else {
                    run.put(id, 0);
                }
            }
        }
        for (long id = 1; id <= 8; id++) {
            assertTrue(rounds.getOrDefault(id, 0) >= 120 / 8 / 2, "peer " + id + " was served in turn: " + rounds);
        }
        assertEquals((int) (Choker.SEED_ROTATION_NANOS / ROUND), longestRun, "a turn lasts 60 s");
    }

    @Test
    void aSeedKeepsItsFastestPeersWithinTheirTurn() {
        List<ChokePeer> peers = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            peers.add(new ChokePeer(id, true, true, id * 1000, 0, false, false, 0));
        }
        Choker c = new Choker(4, new SplittableRandom(5));
        ChokeDecision d = c.decide(peers, true, 10 * S);
        assertEquals(Set.of(6L, 5L, 4L, 3L), regular(d), "all unchoked and in their turn: fastest win");
    }

    @Test
    void fewerCandidatesThanSlotsAreAllUnchoked() {
        List<ChokePeer> peers = List.of(new ChokePeer(1, true, false, 0, 0, false, false, 0),
                new ChokePeer(2, true, false, 0, 0, false, false, 0));
        ChokeDecision d = new Choker(4, new SplittableRandom(1)).decide(peers, false, 0);
        assertEquals(Set.of(1L, 2L), d.unchoke());
        assertEquals(-1, d.optimistic());
    }
}
