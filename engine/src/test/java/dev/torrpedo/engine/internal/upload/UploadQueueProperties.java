package dev.torrpedo.engine.internal.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.internal.picker.PieceGeometry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever a peer sends, the queue holds only valid, servable requests, and never too many. */
class UploadQueueProperties {

    @Property(tries = 200)
    void theQueueHoldsOnlyServableRequests(@ForAll boolean fast,
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> ops) {
        PieceGeometry g = new PieceGeometry(5L * 32768 + 777, 32768);
        UploadQueue q = new UploadQueue(g, fast);
        q.setAllowedFast(new int[] {2});
        Set<BlockRequest> model = new HashSet<>();
        for (int op : ops) {
            BlockRequest r = new BlockRequest((op >>> 3) % 7 - 1, ((op >>> 6) % 5 - 1) * 8192 + (op >>> 9) % 3, (op >>> 11) % 20_000);
            switch (op % 5) {
                case 0:
                case 1: {
                    UploadQueue.Verdict v = q.request(r, (op >>> 20) % 4 != 0);
                    if (v == UploadQueue.Verdict.QUEUED) {
                        assertTrue(r.piece() >= 0 && r.begin() >= 0 && r.length() > 0
                                && r.length() <= UploadQueue.MAX_REQUEST_LENGTH
                                && r.begin() + r.length() <= g.pieceLength(r.piece()), "queued an invalid range " + r);
                        assertTrue(!q.choked() || r.piece() == 2, "queued while choked");
                        model.add(r);
                    }
                    break;
                }
                case 2:
                    assertEquals(model.remove(r), q.cancel(r));
                    break;
                case 3:
                    List<BlockRequest> rejects = q.choke();
                    for (BlockRequest x : rejects) {
                        assertTrue(model.remove(x));
                    }
                    if (!fast) {
                        model.clear();
                    }
                    for (BlockRequest x : model) {
                        assertEquals(2, x.piece(), "only allowed-fast requests survive a choke");
                    }
                    break;
                default:
                    if (op % 2 == 0) {
                        q.unchoke();
                    } else {
                        BlockRequest x = q.poll();
                        if (x != null) {
                            assertTrue(model.remove(x));
                        }
                    }
                    break;
            }
            assertEquals(model.size(), q.size());
            assertTrue(q.size() <= UploadQueue.MAX_QUEUED);
        }
    }
}
