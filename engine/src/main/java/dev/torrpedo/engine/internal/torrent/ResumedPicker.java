package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.picker.BlockAddress;
import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.storage.CheckResult;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A new picker that starts from what a check of the data found: the verified pieces are had,
 * and the blocks resume data recorded for unfinished pieces are marked written (so they are
 * not downloaded again; the piece is still hashed in full when its last block arrives).
 *
 * @param picker    the picker
 * @param completed bytes of verified pieces that have a priority
 * @param toVerify  pieces whose every block was recorded: hash them now
 */
record ResumedPicker(PiecePicker picker, long completed, List<Integer> toVerify) {

    static ResumedPicker of(CheckResult check, PieceGeometry geometry, RandomGenerator random, int[] piecePriorities,
                            boolean sequential) {
        PiecePicker p = new PiecePicker(geometry, random);
        p.setPiecePriorities(piecePriorities);
        if (sequential) {
            p.setSequential(Integer.MAX_VALUE);
        }
        BitSet have = check.verified();
        long done = 0;
        for (int i = have.nextSetBit(0); i >= 0 && i < geometry.pieceCount(); i = have.nextSetBit(i + 1)) {
            p.weHave(i);
            if (piecePriorities[i] > 0) {
                done += geometry.pieceLength(i);
            }
        }
        List<Integer> toVerify = new ArrayList<>();
        PickerPeer resumed = p.newPeer(); // stands for the earlier sessions that wrote the blocks
        for (Map.Entry<Integer, BitSet> u : check.unfinished().entrySet()) {
            int piece = u.getKey();
            if (piece < 0 || piece >= geometry.pieceCount() || p.has(piece)) {
                continue;
            }
            BitSet blocks = u.getValue();
            int count = geometry.blockCount(piece);
            for (int b = blocks.nextSetBit(0); b >= 0 && b < count; b = blocks.nextSetBit(b + 1)) {
                long a = BlockAddress.of(piece, b);
                if (p.received(resumed, a).accepted() && p.blockWritten(a)) {
                    toVerify.add(piece);
                }
            }
        }
        return new ResumedPicker(p, done, List.copyOf(toVerify));
    }
}
