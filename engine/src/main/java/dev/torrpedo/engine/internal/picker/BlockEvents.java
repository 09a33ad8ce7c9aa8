package dev.torrpedo.engine.internal.picker;

/**
 * What happens to a block after it is handed out: it arrives (REQUESTED or NONE to
 * WRITING), is written (FINISHED, and the piece's last one makes the piece VERIFYING), fails
 * to be written, or is released by the peers that asked for it (back to NONE). The states
 * live in the {@link PieceTable}'s words; this class only moves them, each step one CAS
 * loop.
 *
 * <p>Threading: lock-free, as the picker (see {@code package-info.java}); calls taking a
 * {@link PickerPeer} come from the thread that owns that peer. Addresses are checked by the
 * caller.
 */
final class BlockEvents {
    private final PieceTable table;

    BlockEvents(PieceTable table) {
        this.table = table;
    }

    /** See {@link PiecePicker#received}. */
    Received received(PickerPeer peer, int p, int b) {
        int me = peer.id();
        if (PieceWord.state(table.word(p)) != PieceWord.OPEN) {
            return Received.NOT_NEEDED;
        }
        PieceDownload d = table.download(p);
        while (true) {
            long bw = d.blocks.get(b);
            switch (BlockWord.state(bw)) {
                case BlockWord.REQUESTED:
                    if (d.blocks.compareAndSet(b, bw, BlockWord.of(BlockWord.WRITING, 0, me))) {
                        return Received.acceptedCancelling(Endgame.othersThan(me, BlockWord.peer(bw), d.takeExtra(b)));
                    }
                    break;
                case BlockWord.NONE:
                    if (table.reserve(p, 1, false) == 0) {
                        return Received.NOT_NEEDED;
                    }
                    if (d.blocks.compareAndSet(b, 0, BlockWord.of(BlockWord.WRITING, 0, me))) {
                        return Received.ACCEPTED;
                    }
                    table.unreserve(p);
                    break;
                default:
                    d.removeExtra(b, me);
                    return Received.DUPLICATE;
            }
        }
    }

    /** See {@link PiecePicker#blockWritten}. */
    boolean written(int p, int b) {
        PieceDownload d = table.downloadOf(p);
        if (d == null || !leaveWriting(d, b, true)) {
            return false;
        }
        int blocks = table.blocks(p);
        while (true) {
            long w = table.word(p);
            if (PieceWord.state(w) != PieceWord.OPEN) {
                return false;
            }
            int written = PieceWord.written(w) + 1;
            long next = PieceWord.withWritten(w, written);
            if (written == blocks) {
                next = PieceWord.withState(next, PieceWord.VERIFYING);
            }
            if (table.casPiece(p, w, next)) {
                return written == blocks;
            }
        }
    }

    /** See {@link PiecePicker#writeFailed}. */
    boolean writeFailed(int p, int b) {
        PieceDownload d = table.downloadOf(p);
        if (d == null || !leaveWriting(d, b, false)) {
            return false;
        }
        table.unreserve(p);
        return true;
    }

    /**
     * Moves block {@code b} out of WRITING: to FINISHED (its requesters cleared) once written,
     * or back to free when the write failed.
     *
     * @return false if the block was not being written (someone else moved it first)
     */
    private static boolean leaveWriting(PieceDownload d, int b, boolean written) {
        while (true) {
            long bw = d.blocks.get(b);
            if (BlockWord.state(bw) != BlockWord.WRITING) {
                return false;
            }
            if (d.blocks.compareAndSet(b, bw, written ? BlockWord.withRequesters(bw, 0) | BlockWord.FINISHED : 0)) {
                return true;
            }
        }
    }

    /** See {@link PiecePicker#release}. */
    boolean release(PickerPeer peer, int p, int b) {
        PieceDownload d = table.downloadOf(p);
        return d != null && release(d, p, b, peer.id());
    }

    private boolean release(PieceDownload d, int p, int b, int me) {
        boolean extra = d.removeExtra(b, me);
        while (true) {
            long bw = d.blocks.get(b);
            if (BlockWord.state(bw) != BlockWord.REQUESTED) {
                return false;
            }
            int first = BlockWord.peer(bw);
            if (!extra && first != me) {
                return false;
            }
            int count = BlockWord.requesters(bw);
            long next;
            if (count <= 1) {
                next = 0;
            } else {
                next = BlockWord.withRequesters(bw, count - 1);
                if (!extra) {
                    next = BlockWord.withPeer(next, BlockWord.NOBODY);
                }
            }
            if (d.blocks.compareAndSet(b, bw, next)) {
                if (next == 0) {
                    table.unreserve(p);
                }
                return true;
            }
        }
    }

    /** See {@link PiecePicker#releaseAll}. */
    int releaseAll(PickerPeer peer) {
        int me = peer.id();
        int released = 0;
        for (int w = 0; w < table.activeWordCount(); w++) {
            long bits = table.activeWord(w);
            while (bits != 0) {
                int p = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                PieceDownload d = table.downloadOf(p);
                if (d == null) {
                    continue;
                }
                for (int b = 0; b < d.blockCount(); b++) {
                    long bw = d.blocks.get(b);
                    if (BlockWord.state(bw) == BlockWord.REQUESTED
                            && (BlockWord.peer(bw) == me || d.isExtraRequester(b, me)) && release(d, p, b, me)) {
                        released++;
                    }
                }
            }
        }
        if (peer.lastPiece >= 0) {
            peer.lastPiece = -1;
        }
        return released;
    }
}
