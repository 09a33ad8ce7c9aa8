package dev.torrpedo.engine.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata fetch's rules, with pretend peers on a pretend clock. */
class MetadataFetchTest {
    private static final int SIZE = 3 * MetadataAssembly.PIECE + 1000; // four pieces, the last short

    @Test
    void honestPeersShareTheWorkTwoRequestsEachAndTheDictionaryIsAssembled() {
        FetchHarness h = new FetchHarness(FetchHarness.info(SIZE, 1));
        FetchHarness.FakePeer a = h.join(1, false);
        FetchHarness.FakePeer b = h.join(2, false);
        assertEquals(MetadataFetch.MAX_REQUESTS_PER_PEER, a.asked.size(), "a peer is asked two pieces at a time");
        assertEquals(2, b.asked.size(), "the other two pieces go to the second peer");
        assertEquals(SIZE, h.fetch.size());
        h.answerAll();
        assertTrue(h.fetch.isDone());
        assertArrayEquals(h.info, h.assembled);
        assertEquals(1, h.checks);
        assertEquals(List.of(), h.liars);
        assertEquals(4, a.totalAsked + b.totalAsked, "no piece was asked twice");
    }

    @Test
    void aLiarInAMixedRoundIsFoundOnceOnePeerAloneSendsTheRightDictionary() {
        FetchHarness h = new FetchHarness(FetchHarness.info(SIZE, 2));
        h.join(1, true); // pieces 0, 1
        h.join(2, false); // pieces 2, 3
        h.join(3, false);
        h.answerAll();
        assertTrue(h.fetch.isDone());
        assertEquals(1, h.fetch.failedRounds());
        assertEquals(2, h.checks);
        assertArrayEquals(h.info, h.assembled);
        assertEquals(List.of(1L), h.liars, "only the peer whose pieces differ is blamed: " + h.reasons);
        assertTrue(h.reasons.get(0).contains("differs from the verified"), h.reasons.toString());
    }

    @Test
    void aPeerThatAloneSendsAWrongDictionaryIsALiar() {
        FetchHarness h = new FetchHarness(FetchHarness.info(SIZE, 3));
        h.join(7, true);
        h.answerAll(); // it sent every piece: the round fails, and it alone is to blame
        assertEquals(List.of(7L), h.liars);
        assertFalse(h.fetch.isDone());
        FetchHarness.FakePeer honest = h.join(8, false);
        h.answerAll();
        assertTrue(h.fetch.isDone());
        assertArrayEquals(h.info, h.assembled);
        assertEquals(4, honest.totalAsked, "fetched alone from the newcomer");
    }

    @Test
    void aPieceOfTheWrongLengthOrATotalSizeThatContradictsTheHandshakeIsStruckAtOnce() {
        FetchHarness h = new FetchHarness(FetchHarness.info(SIZE, 4));
        FetchHarness.FakePeer a = h.join(1, false);
        int piece = a.asked.poll();
        h.fetch.data(1, piece, SIZE, new byte[10], h.now);
        assertEquals(List.of(1L), h.liars);
        assertTrue(h.reasons.get(0).contains("10 bytes"), h.reasons.toString());

        FetchHarness.FakePeer b = h.join(2, false);
        h.settle();
        int p2 = b.asked.poll();
        h.fetch.data(2, p2, SIZE + 1, h.piece(p2, false), h.now);
        assertEquals(List.of(1L, 2L), h.liars);
        assertTrue(h.reasons.get(1).contains("total_size"), h.reasons.toString());
    }

    @Test
    void anUnaskedPieceIsIgnoredAndBlamesNobody() {
        FetchHarness h = new FetchHarness(FetchHarness.info(SIZE, 5));
        h.join(1, false);
        h.fetch.data(1, 3, SIZE, new byte[1000], h.now); // not asked: piece 3 went nowhere yet
        h.fetch.data(1, 99, SIZE, new byte[5], h.now);
        assertEquals(List.of(), h.liars);
        h.answerAll();
        assertTrue(h.fetch.isDone());
        assertArrayEquals(h.info, h.assembled);
    }

    @Test
    void aRejectPausesThePeerForAMinuteAndItsPieceGoesElsewhere() {
        FetchHarness h = new FetchHarness(FetchHarness.info(SIZE, 6));
        FetchHarness.FakePeer a = h.join(1, false);
        int piece = a.asked.poll();
        a.asked.clear();
        h.fetch.rejected(1, piece, h.now);
        h.tick(1_000_000_000L);
        assertEquals(0, a.asked.size(), "paused after its reject");
        FetchHarness.FakePeer b = h.join(2, false);
        assertTrue(b.asked.contains(piece), "the rejected piece is asked of another");
        h.tick(MetadataFetch.REJECT_PAUSE_NANOS);
        assertFalse(a.asked.isEmpty(), "asked again once the pause is over");
    }

    @Test
    void aSlowPeersPieceIsAskedOfAnotherAfterAWhileAndTheFirstAnswerWins() {
        FetchHarness h = new FetchHarness(FetchHarness.info(MetadataAssembly.PIECE, 7)); // one piece
        FetchHarness.FakePeer slow = h.join(1, false);
        FetchHarness.FakePeer other = h.join(2, false);
        assertEquals(1, slow.asked.size());
        assertEquals(0, other.asked.size(), "one piece, asked of one peer");
        h.tick(MetadataFetch.STALE_NANOS - 1);
        assertEquals(0, other.asked.size(), "not yet stale");
        h.tick(1);
        assertEquals(1, other.asked.size(), "stale: asked of the other peer too");
        assertTrue(other.answer());
        h.settle();
        assertTrue(h.fetch.isDone());
        assertTrue(slow.answer(), "a late answer");
        assertEquals(1, h.checks, "is ignored");
        assertEquals(List.of(), h.liars);
    }

    @Test
    void aRequestUnansweredUntilItTimesOutIsAskedAgain() {
        FetchHarness h = new FetchHarness(FetchHarness.info(MetadataAssembly.PIECE, 17));
        FetchHarness.FakePeer quiet = h.join(1, false);
        h.tick(MetadataFetch.REQUEST_TIMEOUT_NANOS - 1);
        assertEquals(1, quiet.totalAsked);
        h.tick(1);
        assertEquals(2, quiet.totalAsked, "forgotten, then asked again");
        assertEquals(1, h.fetch.asked(1));
    }

    @Test
    void aPeerThatLeavesGivesItsPiecesToOthers() {
        FetchHarness h = new FetchHarness(FetchHarness.info(SIZE, 8));
        FetchHarness.FakePeer a = h.join(1, false);
        FetchHarness.FakePeer b = h.join(2, false);
        int first = a.asked.peek();
        h.leave(1);
        assertTrue(b.answer());
        assertTrue(b.asked.contains(first), "a's piece is asked of b: " + b.asked);
        h.answerAll();
        assertTrue(h.fetch.isDone());
        assertArrayEquals(h.info, h.assembled);
    }

    @Test
    void aPeerWithoutASizeOrWithOneOver30MiBIsNotAskedAndAPeerOfAnotherSizeWaits() {
        FetchHarness h = new FetchHarness(FetchHarness.info(SIZE, 9));
        FetchHarness.FakePeer huge = h.join(1, false, 31L * 1024 * 1024);
        FetchHarness.FakePeer none = h.join(2, false, 0);
        assertEquals(0, h.fetch.sources(), "no size, or over 30 MiB: not a source");
        h.join(3, false);
        FetchHarness.FakePeer odd = h.join(4, false, SIZE + 5);
        assertEquals(SIZE, h.fetch.size());
        assertEquals(0, odd.totalAsked, "a peer that announced another size is not asked in this round");
        h.answerAll();
        assertTrue(h.fetch.isDone());
        assertEquals(0, huge.totalAsked + none.totalAsked + odd.totalAsked);
    }
}
