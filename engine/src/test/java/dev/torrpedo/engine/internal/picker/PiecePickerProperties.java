package dev.torrpedo.engine.internal.picker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random sequences of picker operations (each generated int is one operation), checked after
 * every step against a model kept by the test: who holds which block, what each peer has,
 * what we have. Shrinks to the shortest failing sequence.
 */
class PiecePickerProperties {
    private static final int PIECES = 6;
    private static final int PEERS = 4;

    @Property(tries = 300)
    void operationSequencesKeepEveryInvariant(
            @ForAll @Size(max = 150) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> ops,
            @ForAll @IntRange(min = 1, max = 40_000) int lastPieceBytes) {
        PieceGeometry g = new PieceGeometry((long) (PIECES - 1) * 2 * PieceGeometry.BLOCK_SIZE + lastPieceBytes,
                2 * PieceGeometry.BLOCK_SIZE);
        PiecePicker picker = new PiecePicker(g, new SplittableRandom(7));
        List<PickerPeer> everyone = new ArrayList<>();
        PickerPeer[] peers = new PickerPeer[PEERS];
        List<Set<Long>> held = new ArrayList<>();
        for (int i = 0; i < PEERS; i++) {
            peers[i] = picker.newPeer();
            peers[i].setChoked(false);
            everyone.add(peers[i]);
            held.add(new HashSet<>());
        }
        Set<Long> writing = new HashSet<>();
        Set<Integer> verifying = new HashSet<>();
        long[] out = new long[8];
        for (int op : ops) {
            int kind = op % 11;
            int i = (op >>> 4) % PEERS;
            int arg = op >>> 8;
            PickerPeer peer = peers[i];
            switch (kind) {
                case 0:
                case 1:
                case 2: {
                    int n = picker.pick(peer, out, 1 + arg % 8);
                    for (int k = 0; k < n; k++) {
                        long a = BlockAddress.address(out[k]);
                        int p = BlockAddress.piece(a);
                        assertTrue(peer.has(p), "picked a piece the peer lacks");
                        assertFalse(picker.has(p), "picked a piece we have");
                        assertTrue(picker.piecePriority(p) > 0 || peer.choked(), "picked a skipped piece");
                        assertFalse(held.get(i).contains(a), "handed a peer a block it already holds");
                        boolean heldByOther = false;
                        for (int j = 0; j < PEERS; j++) {
                            heldByOther |= j != i && held.get(j).contains(a);
                        }
                        assertEquals(heldByOther, BlockAddress.isDuplicate(out[k]),
                                "duplicate flag iff another peer holds the block");
                        if (BlockAddress.isDuplicate(out[k])) {
                            assertTrue(picker.inEndgame(), "duplicates only in endgame");
                        }
                        held.get(i).add(a);
                    }
                    break;
                }
                case 3:
                case 4: {
                    Long a = nth(held.get(i), arg);
                    if (a == null) {
                        break;
                    }
                    Received r = picker.received(peer, a);
                    for (Set<Long> h : held) {
                        h.remove(a);
                    }
                    if (r.accepted()) {
                        assertTrue(writing.add(a), "accepted twice");
                    }
                    break;
                }
                case 5: {
                    Long a = nth(writing, arg);
                    if (a != null) {
                        writing.remove(a);
                        if (arg % 7 == 0) {
                            assertTrue(picker.writeFailed(a));
                        } else if (picker.blockWritten(a)) {
                            verifying.add(BlockAddress.piece(a));
                        }
                    }
                    break;
                }
                case 6: {
                    Integer p = nth(verifying, arg);
                    if (p != null) {
                        verifying.remove(p);
                        if (arg % 3 == 0) {
                            assertTrue(picker.pieceFailed(p));
                        } else {
                            assertTrue(picker.pieceVerified(p));
                        }
                    }
                    break;
                }
                case 7: {
                    Long a = nth(held.get(i), arg);
                    if (a != null) {
                        held.get(i).remove(a);
                        assertTrue(picker.release(peer, a), "release of a held block");
                    }
                    break;
                }
                case 8:
                    picker.peerHas(peer, arg % PIECES);
                    break;
                case 9:
                    if (arg % 5 == 0) {
                        held.get(i).clear();
                        picker.peerLeft(peer);
                        peers[i] = picker.newPeer();
                        peers[i].setChoked(false);
                        everyone.add(peers[i]);
                    } else if (arg % 5 == 1) {
                        picker.peerHasAll(peer);
                    } else {
                        picker.setPiecePriority(arg % PIECES, (arg >>> 3) % 8);
                    }
                    break;
                default:
                    assertEquals(held.get(i).size(), picker.releaseAll(peer), "releaseAll frees what the peer holds");
                    held.get(i).clear();
                    break;
            }
            PickerInvariants.check(picker, everyone);
            for (PickerPeer p : peers) {
                assertEquals(modelInterest(picker, p), picker.interesting(p), "interest");
            }
            Map<Long, Integer> count = new HashMap<>();
            for (Set<Long> h : held) {
                for (long a : h) {
                    count.merge(a, 1, Integer::sum);
                }
            }
            for (Map.Entry<Long, Integer> e : count.entrySet()) {
                assertEquals(BlockState.REQUESTED, picker.blockState(e.getKey()));
                assertEquals((int) e.getValue(), picker.requesters(e.getKey()), "requesters of " + e.getKey());
            }
        }
    }

    private static boolean modelInterest(PiecePicker picker, PickerPeer peer) {
        for (int p = 0; p < PIECES; p++) {
            if (peer.has(p) && !picker.has(p) && picker.piecePriority(p) > 0) {
                return true;
            }
        }
        return false;
    }

    private static <T> T nth(Set<T> set, int n) {
        if (set.isEmpty()) {
            return null;
        }
        int k = n % set.size();
        for (T t : set) {
            if (k-- == 0) {
                return t;
            }
        }
        return null;
    }
}
