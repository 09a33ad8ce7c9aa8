package dev.torrpedo.engine.internal.picker;

/**
 * The bit layout of a piece's state word, the one atomic {@code long} per piece that every
 * piece-level transition is a CAS on.
 *
 * <pre>
 *  bits 0-1   state: OPEN (0), VERIFYING (1), HAVE (2), RESETTING (3)
 *  bit  2     touched: some block was claimed since the piece was last untouched
 *  bits 3-5   priority 0..7 (0 = do not download)
 *  bits 8-23  free: blocks in state NONE that no pick has reserved
 *  bits 24-39 written: blocks in state FINISHED
 * </pre>
 *
 * Keeping the priority in the same word as the free count lets every transition compute its
 * exact contribution to the torrent-wide counters ({@link #wantedFree}, {@link #missing},
 * {@link #have}), so those counters are sums of exact deltas and never drift.
 */
final class PieceWord {
    static final int OPEN = 0;
    static final int VERIFYING = 1;
    static final int HAVE = 2;
    /** A failed piece whose blocks are being reset by the one thread that won this state. */
    static final int RESETTING = 3;

    private static final long STATE_MASK = 0b11;
    private static final long TOUCHED = 1L << 2;
    private static final int PRIO_SHIFT = 3;
    private static final int FREE_SHIFT = 8;
    private static final int WRITTEN_SHIFT = 24;
    private static final long COUNT_MASK = 0xFFFF;

    private PieceWord() {
    }

    static long initial(int blocks, int priority) {
        return withFree((long) priority << PRIO_SHIFT, blocks);
    }

    static int state(long w) {
        return (int) (w & STATE_MASK);
    }

    static long withState(long w, int state) {
        return (w & ~STATE_MASK) | state;
    }

    static boolean touched(long w) {
        return (w & TOUCHED) != 0;
    }

    static long withTouched(long w) {
        return w | TOUCHED;
    }

    static long withoutTouched(long w) {
        return w & ~TOUCHED;
    }

    static int priority(long w) {
        return (int) ((w >>> PRIO_SHIFT) & 0b111);
    }

    static long withPriority(long w, int priority) {
        return (w & ~(0b111L << PRIO_SHIFT)) | ((long) priority << PRIO_SHIFT);
    }

    static int free(long w) {
        return (int) ((w >>> FREE_SHIFT) & COUNT_MASK);
    }

    static long withFree(long w, int free) {
        return (w & ~(COUNT_MASK << FREE_SHIFT)) | ((long) free << FREE_SHIFT);
    }

    static int written(long w) {
        return (int) ((w >>> WRITTEN_SHIFT) & COUNT_MASK);
    }

    static long withWritten(long w, int written) {
        return (w & ~(COUNT_MASK << WRITTEN_SHIFT)) | ((long) written << WRITTEN_SHIFT);
    }

    /** Free blocks that count towards endgame: those of open pieces we want. */
    static int wantedFree(long w) {
        return state(w) == OPEN && priority(w) > 0 ? free(w) : 0;
    }

    /** 1 if we want this piece and do not have it yet. */
    static int missing(long w) {
        return state(w) != HAVE && priority(w) > 0 ? 1 : 0;
    }

    static int have(long w) {
        return state(w) == HAVE ? 1 : 0;
    }

    /** Whether the piece is in the set that partial-first picking scans. */
    static boolean active(long w) {
        return touched(w) && state(w) != HAVE;
    }
}
