package dev.torrpedo.engine.internal.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.upload.UploadQueue.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadQueueTest {
    private static final int BLOCK = PieceGeometry.BLOCK_SIZE;
    private final PieceGeometry g = new PieceGeometry(10L * 4 * BLOCK + 1000, 4 * BLOCK);

    @Test
    void servesInArrivalOrderOnceUnchoked() {
        UploadQueue q = new UploadQueue(g, true);
        q.unchoke();
        BlockRequest a = new BlockRequest(1, 0, BLOCK);
        BlockRequest b = new BlockRequest(0, 100, 5000);
        assertEquals(Verdict.QUEUED, q.request(a, true));
        assertEquals(Verdict.QUEUED, q.request(b, true));
        assertEquals(Verdict.DUPLICATE, q.request(a, true));
        assertEquals(a, q.poll());
        assertEquals(b, q.poll());
        assertNull(q.poll());
    }

    @Test
    void rangesOutsideAPieceOrTooLongAreViolations() {
        UploadQueue q = new UploadQueue(g, true);
        q.unchoke();
        assertEquals(Verdict.INVALID, q.request(new BlockRequest(10, 0, 1001), true), "past the short last piece");
        assertEquals(Verdict.QUEUED, q.request(new BlockRequest(10, 0, 1000), true));
        assertEquals(Verdict.INVALID, q.request(new BlockRequest(0, 0, BLOCK + 1), true));
        assertEquals(Verdict.INVALID, q.request(new BlockRequest(11, 0, 1), true));
        assertEquals(Verdict.INVALID, q.request(new BlockRequest(0, -1, 1), true));
        assertEquals(Verdict.INVALID, q.request(new BlockRequest(0, 4 * BLOCK - 1, 2), true));
        assertEquals(Verdict.INVALID, q.request(new BlockRequest(0, 0, 0), true));
    }

    @Test
    void aFloodIsCappedAtTwoThousand() {
        UploadQueue q = new UploadQueue(new PieceGeometry(1L << 30, 1 << 20), false);
        q.unchoke();
        int queued = 0;
        Verdict v = Verdict.QUEUED;
        for (int i = 0; v == Verdict.QUEUED; i++) {
            v = q.request(new BlockRequest(i / 64, (i % 64) * BLOCK, BLOCK), true);
            if (v == Verdict.QUEUED) {
                queued++;
            }
        }
        assertEquals(Verdict.FLOOD, v);
        assertEquals(UploadQueue.MAX_QUEUED, queued);
        assertEquals(UploadQueue.MAX_QUEUED, q.size());
    }

    @Test
    void withTheFastExtensionAChokeRejectsAllButAllowedFast() {
        UploadQueue q = new UploadQueue(g, true);
        q.setAllowedFast(new int[] {3});
        assertEquals(Verdict.REJECT, q.request(new BlockRequest(1, 0, BLOCK), true), "choked");
        assertEquals(Verdict.QUEUED, q.request(new BlockRequest(3, 0, BLOCK), true), "allowed fast while choked");
        q.unchoke();
        assertEquals(Verdict.REJECT, q.request(new BlockRequest(2, 0, BLOCK), false), "we lack the piece");
        assertEquals(Verdict.QUEUED, q.request(new BlockRequest(1, 0, BLOCK), true));
        assertEquals(Verdict.QUEUED, q.request(new BlockRequest(2, 0, BLOCK), true));
        List<BlockRequest> rejects = q.choke();
        assertEquals(List.of(new BlockRequest(1, 0, BLOCK), new BlockRequest(2, 0, BLOCK)), rejects);
        assertEquals(1, q.size(), "the allowed-fast request stays");
        assertTrue(q.cancel(new BlockRequest(3, 0, BLOCK)), "cancelled: the caller rejects it");
        assertFalse(q.cancel(new BlockRequest(3, 0, BLOCK)));
    }

    @Test
    void withoutTheFastExtensionAChokeDropsEverythingSilently() {
        UploadQueue q = new UploadQueue(g, false);
        assertEquals(Verdict.IGNORE, q.request(new BlockRequest(1, 0, BLOCK), true));
        q.unchoke();
        q.request(new BlockRequest(1, 0, BLOCK), true);
        assertEquals(List.of(), q.choke());
        assertEquals(0, q.size());
        assertTrue(q.choked());
    }
}
