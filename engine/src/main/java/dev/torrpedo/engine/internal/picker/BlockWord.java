package dev.torrpedo.engine.internal.picker;

/**
 * The bit layout of a block's atomic state word.
 *
 * <pre>
 *  bits 0-1   state: NONE (0), REQUESTED (1), WRITING (2), FINISHED (3)
 *  bits 2-9   requesters: peers with an outstanding request (REQUESTED only; 1 outside endgame)
 *  bits 32-63 peer id: the first requester while REQUESTED ({@link #NOBODY} once it let go
 *             while endgame duplicates remain), the peer that delivered it once WRITING or
 *             FINISHED (smart ban asks who sent the blocks of a piece that failed its hash)
 * </pre>
 */
final class BlockWord {
    static final int NONE = 0;
    static final int REQUESTED = 1;
    static final int WRITING = 2;
    static final int FINISHED = 3;
    static final int NOBODY = -1;

    private BlockWord() {
    }

    static long of(int state, int requesters, int peer) {
        return ((long) peer << 32) | ((long) requesters << 2) | state;
    }

    static int state(long w) {
        return (int) (w & 0b11);
    }

    static int requesters(long w) {
        return (int) ((w >>> 2) & 0xFF);
    }

    static int peer(long w) {
        return (int) (w >>> 32);
    }

    static long withRequesters(long w, int requesters) {
        return (w & ~(0xFFL << 2)) | ((long) requesters << 2);
    }

    static long withPeer(long w, int peer) {
        return (w & 0xFFFF_FFFFL) | ((long) peer << 32);
    }
}
