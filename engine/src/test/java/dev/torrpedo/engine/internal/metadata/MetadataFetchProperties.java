package dev.torrpedo.engine.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the order of answers, the ticks and the mix of honest and lying peers, a fetch
 * with at least one honest peer ends with exactly the right dictionary, never blames an
 * honest peer, and never has more than two requests out to one peer.
 */
class MetadataFetchProperties {

    @Property(tries = 300)
    void honestPeersAlwaysWinAndAreNeverBlamed(@ForAll @IntRange(min = 1, max = 120_000) int size,
                                               @ForAll @Size(min = 1, max = 6) List<Boolean> lying,
                                               @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 63) Integer> steps) {
        FetchHarness h = new FetchHarness(FetchHarness.info(size, size));
        h.join(0, false); // one honest peer at least
        for (int i = 0; i < lying.size(); i++) {
            h.join(i + 1, lying.get(i));
        }
        for (int step : steps) {
            if (h.fetch.isDone()) {
                break;
            }
            int op = step & 3;
            long peer = (step >> 2) % (lying.size() + 1);
            FetchHarness.FakePeer p = h.peers.get(peer);
            if (op == 0 && p != null) {
                p.answer();
            } else if (op == 1) {
                h.tick(1_000_000_000L);
            } else if (op == 2) {
                h.tick(MetadataFetch.STALE_NANOS);
            } else {
                h.settle();
            }
            for (FetchHarness.FakePeer q : h.peers.values()) {
                assertTrue(h.fetch.asked(q.id) <= MetadataFetch.MAX_REQUESTS_PER_PEER);
            }
        }
        for (int round = 0; round < 50 && !h.fetch.isDone(); round++) {
            h.answerAll();
            h.tick(MetadataFetch.REJECT_PAUSE_NANOS);
        }
        assertTrue(h.fetch.isDone(), "not done: " + h.liars + " " + h.reasons);
        assertArrayEquals(h.info, h.assembled);
        for (long liar : h.liars) {
            assertTrue(liar > 0 && lying.get((int) liar - 1), "honest peer " + liar + " blamed: " + h.reasons);
        }
    }
}
