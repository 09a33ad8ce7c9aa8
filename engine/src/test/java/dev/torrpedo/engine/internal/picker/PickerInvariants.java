package dev.torrpedo.engine.internal.picker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Recomputes everything the picker keeps incrementally and compares. Only meaningful while no
 * other thread is using the picker (reservations in flight are not visible in the words).
 */
final class PickerInvariants {
    private PickerInvariants() {
    }

    static void check(PiecePicker picker, Collection<PickerPeer> peers) {
        List<String> errors = violations(picker, peers);
        if (!errors.isEmpty()) {
            throw new AssertionError(String.join("\n", errors));
        }
    }

    static List<String> violations(PiecePicker picker, Collection<PickerPeer> peers) {
        List<String> e = new ArrayList<>();
        long wantedFree = 0;
        int missing = 0;
        int have = 0;
        for (int p = 0; p < picker.pieceCount(); p++) {
            long w = picker.pieceWord(p);
            int state = PieceWord.state(w);
            PieceDownload d = picker.downloadOf(p);
            int blocks = picker.blocks(p);
            wantedFree += PieceWord.wantedFree(w);
            missing += PieceWord.missing(w);
            have += PieceWord.have(w);
            if (picker.wantedMissingBit(p) != (PieceWord.missing(w) == 1)) {
                e.add("piece " + p + ": wanted-missing bit out of step");
            }
            if (picker.activeBit(p) != PieceWord.active(w)) {
                e.add("piece " + p + ": active bit out of step");
            }
            if (state == PieceWord.RESETTING) {
                e.add("piece " + p + ": left RESETTING");
            }
            if (state == PieceWord.HAVE) {
                if (d != null) {
                    e.add("piece " + p + ": HAVE but still has block words");
                }
                continue;
            }
            int none = 0;
            int finished = 0;
            for (int b = 0; b < blocks; b++) {
                long bw = d == null ? 0 : d.blocks.get(b);
                int s = BlockWord.state(bw);
                int extra = d == null ? 0 : d.extraRequesters(b).length;
                if (s == BlockWord.NONE) {
                    none++;
                    if (bw != 0) {
                        e.add("block " + p + "/" + b + ": NONE word not zero");
                    }
                } else if (s == BlockWord.FINISHED) {
                    finished++;
                }
                if (s == BlockWord.REQUESTED) {
                    int expected = (BlockWord.peer(bw) != BlockWord.NOBODY ? 1 : 0) + extra;
                    if (BlockWord.requesters(bw) != expected || expected == 0) {
                        e.add("block " + p + "/" + b + ": " + BlockWord.requesters(bw) + " requesters counted, "
                                + expected + " recorded");
                    }
                } else if (extra != 0) {
                    e.add("block " + p + "/" + b + ": extra requesters left on a " + BlockState.of(s) + " block");
                }
            }
            if (state == PieceWord.OPEN) {
                if (PieceWord.free(w) != none) {
                    e.add("piece " + p + ": free " + PieceWord.free(w) + " but " + none + " NONE blocks");
                }
                if (PieceWord.written(w) != finished) {
                    e.add("piece " + p + ": written " + PieceWord.written(w) + " but " + finished + " FINISHED blocks");
                }
                if (!PieceWord.touched(w) && none != blocks) {
                    e.add("piece " + p + ": untouched but has busy blocks");
                }
            } else if (finished != blocks) {
                e.add("piece " + p + ": VERIFYING with " + finished + "/" + blocks + " FINISHED");
            }
            if (d == null && PieceWord.touched(w)) {
                e.add("piece " + p + ": touched without block words");
            }
        }
        PickerStats st = picker.stats();
        if (st.wantedFreeBlocks() != wantedFree) {
            e.add("wantedFree counter " + st.wantedFreeBlocks() + " != " + wantedFree);
        }
        if (st.missing() != missing) {
            e.add("missing counter " + st.missing() + " != " + missing);
        }
        if (st.have() != have) {
            e.add("have counter " + st.have() + " != " + have);
        }
        int seeds = 0;
        int[] avail = new int[picker.pieceCount()];
        for (PickerPeer peer : peers) {
            if (peer.left) {
                continue;
            }
            if (peer.hasAll) {
                seeds++;
            } else {
                for (int p = 0; p < avail.length; p++) {
                    if (peer.has(p)) {
                        avail[p]++;
                    }
                }
            }
        }
        if (st.seeds() != seeds) {
            e.add("seeds " + st.seeds() + " != " + seeds);
        }
        for (int p = 0; p < avail.length; p++) {
            if (picker.rawAvailability(p) != avail[p]) {
                e.add("piece " + p + ": availability " + picker.rawAvailability(p) + " != " + avail[p]);
            }
        }
        return e;
    }
}
