package dev.torrpedo.engine.internal.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.internal.picker.BlockAddress;
import dev.torrpedo.engine.internal.picker.BlockState;
import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.picker.Received;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestQueueTest {
    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final int BLOCK = PieceGeometry.BLOCK_SIZE;

    private final PiecePicker picker = new PiecePicker(new PieceGeometry(1L << 30, 1 << 20), new SplittableRandom(3));
    private final long[] out = new long[RequestQueue.MAX_OUTSTANDING];

    private RequestQueue seedQueue(long now) {
        PickerPeer peer = picker.newPeer();
        picker.peerHasAll(peer);
        RequestQueue q = new RequestQueue(picker, peer, now);
        q.unchoked();
        return q;
    }

    @Test
    void depthCoversTwoSecondsAtTheRateWithinTheCaps() {
        assertEquals(RequestQueue.MIN_DEPTH, RequestQueue.depthFor(0, 250));
        assertEquals(RequestQueue.MIN_DEPTH, RequestQueue.depthFor(10_000, 250));
        assertEquals((2_000_000 + BLOCK - 1) / BLOCK, RequestQueue.depthFor(1_000_000, 250));
        assertEquals(250, RequestQueue.depthFor(10_000_000, 250), "the peer's reqq");
        assertEquals(500, RequestQueue.depthFor(100_000_000, 2000), "our own cap");
        assertEquals(2, RequestQueue.depthFor(1_000_000, 2), "a tiny reqq wins over the minimum");
    }

    @Test
    void theQueueDeepensAsThePeerDeliversFaster() {
        long t = 0;
        RequestQueue q = seedQueue(t);
        q.setPeerReqq(1000);
        assertEquals(RequestQueue.MIN_DEPTH, q.fill(out, t));
        // the peer delivers 2 MB/s: each 10 ms, about 1.2 blocks; we refill after each block
        long delivered = 0;
        for (int step = 1; step <= 600; step++) {
            t = step * 10 * MS;
            while (delivered * BLOCK < 2_000_000L * t / S && q.outstanding() > 0) {
                delivered++;
                long a = oldest(q);
                assertTrue(q.received(a, t).accepted());
                picker.blockWritten(a);
            }
            q.fill(out, t);
        }
        int expected = RequestQueue.depthFor(2_000_000, 1000);
        assertEquals(expected, q.targetDepth(t), expected / 10);
        assertEquals(q.targetDepth(t), q.outstanding(), 3);
        assertEquals(2_000_000, q.downloadRate(t), 150_000);
    }

    /** The oldest outstanding block: the queue keeps send order, the picker knows the claims. */
    private long oldest(RequestQueue q) {
        for (int p = 0; p < picker.geometry().pieceCount(); p++) {
            for (int b = 0; b < picker.geometry().blockCount(p); b++) {
                long a = BlockAddress.of(p, b);
                if (q.isOutstanding(a)) {
                    return a;
                }
            }
        }
        throw new AssertionError("nothing outstanding");
    }

    @Test
    void aRejectedBlockGoesBackToThePicker() {
        RequestQueue q = seedQueue(0);
        int n = q.fill(out, 0);
        long a = out[1];
        assertTrue(q.rejected(a));
        assertEquals(n - 1, q.outstanding());
        assertEquals(BlockState.NONE, picker.blockState(a));
        assertFalse(q.rejected(a), "a reject for something not requested is a violation");
        assertEquals(1, q.rejects());
        assertEquals(1, q.fill(out, 0));
        assertEquals(a, out[0], "picked again");
    }

    @Test
    void aStalledPeerTimesOutAfterSixtySecondsAndIsSnubbed() {
        RequestQueue q = seedQueue(0);
        int n = q.fill(out, 0);
        long first = out[0];
        long second = out[1];
        assertEquals(0, q.expire(59 * S));
        assertEquals(n, q.expire(60 * S));
        assertEquals(0, q.outstanding());
        assertTrue(q.snubbed());
        assertEquals(BlockState.NONE, picker.blockState(first));
        assertEquals(1, q.fill(out, 60 * S), "a snubbed peer gets one probe");
        assertEquals(first, out[0]);
        // a late block still arrives and is still useful
        Received r = q.received(second, 61 * S);
        assertTrue(r.accepted());
        assertEquals(1, q.lateBlocks());
        assertEquals(0, q.unrequestedBlocks(), "late is not unrequested");
        assertFalse(q.snubbed());
        q.received(BlockAddress.of(900, 3), 62 * S);
        assertEquals(1, q.unrequestedBlocks(), "never requested: BEP 6 closes the connection");
    }

    @Test
    void aPeerThatKeepsDeliveringNeverTimesOut() {
        RequestQueue q = seedQueue(0);
        q.fill(out, 0);
        for (long t = 10 * S; t <= 120 * S; t += 10 * S) {
            long a = oldest(q);
            q.received(a, t);
            assertEquals(0, q.expire(t), "progress at " + t / S + " s");
            q.fill(out, t);
        }
        assertEquals(0, q.timeouts());
    }

    @Test
    void aChokeWithoutTheFastExtensionVoidsEveryRequest() {
        RequestQueue q = seedQueue(0);
        int n = q.fill(out, 0);
        assertEquals(0, q.choked(true), "with BEP 6 the peer rejects explicitly");
        assertEquals(n, q.outstanding());
        assertEquals(0, q.fill(out, 0), "choked, no allowed-fast pieces");
        assertEquals(n, q.choked(false));
        assertEquals(0, q.outstanding());
        assertEquals(BlockState.NONE, picker.blockState(out[0]));
    }

    @Test
    void endgameCancelsReachTheOtherQueue() {
        PiecePicker small = new PiecePicker(new PieceGeometry(2L * BLOCK, 2 * BLOCK), new SplittableRandom(1));
        PickerPeer pa = small.newPeer();
        PickerPeer pb = small.newPeer();
        small.peerHasAll(pa);
        small.peerHasAll(pb);
        RequestQueue a = new RequestQueue(small, pa, 0);
        RequestQueue b = new RequestQueue(small, pb, 0);
        a.unchoked();
        b.unchoked();
        assertEquals(2, a.fill(out, 0));
        assertTrue(small.inEndgame());
        assertEquals(2, b.fill(out, 0), "duplicates");
        long block = out[0];
        Received r = b.received(block, MS);
        assertTrue(r.accepted());
        assertEquals(1, r.cancelCount());
        assertEquals(pa.id(), r.cancelPeers()[0]);
        assertTrue(a.cancel(block), "send CANCEL");
        assertFalse(a.cancel(block));
        assertEquals(1, a.outstanding());
    }
}
