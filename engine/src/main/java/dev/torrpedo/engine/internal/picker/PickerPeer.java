package dev.torrpedo.engine.internal.picker;

/**
 * The picker's view of one connected peer: what it has, whether it chokes us, its
 * allowed-fast and suggested pieces. Made by {@link PiecePicker#newPeer()}.
 *
 * <p>Thread confinement: a handle belongs to its peer connection, so every call that takes
 * it (here and on the picker) comes from that connection's event loop, one at a time. The
 * picker's shared state is what is safe across threads; this handle is not.
 */
public final class PickerPeer {
    /** Most allowed-fast pieces remembered (BEP 6 suggests 10; libtorrent accepts more). */
    public static final int MAX_ALLOWED_FAST = 64;
    /** Most suggested pieces remembered; older suggestions are forgotten first. */
    public static final int MAX_SUGGESTED = 16;

    private final int id;
    final long[] bits;
    boolean hasAll;
    int count;
    boolean left;
    private boolean choked = true;
    private final int[] allowedFast = new int[MAX_ALLOWED_FAST];
    private int allowedFastCount;
    private final int[] suggested = new int[MAX_SUGGESTED];
    private int suggestedCount;
    int lastPiece = -1;

    PickerPeer(int id, int pieces) {
        this.id = id;
        this.bits = new long[(pieces + 63) >>> 6];
    }

    /** @return the id the picker knows this peer by (as in {@link Received#cancelPeers()}) */
    public int id() {
        return id;
    }

    /** @return whether the peer has piece {@code piece} */
    public boolean has(int piece) {
        return hasAll || (bits[piece >>> 6] & (1L << piece)) != 0;
    }

    /** @return whether the peer said it has every piece (HAVE ALL or a full bitfield) */
    public boolean hasAll() {
        return hasAll;
    }

    /** @return how many pieces the peer has */
    public int pieceCount() {
        return count;
    }

    boolean set(int piece) {
        long bit = 1L << piece;
        int w = piece >>> 6;
        if ((bits[w] & bit) != 0) {
            return false;
        }
        bits[w] |= bit;
        count++;
        return true;
    }

    void clear(int piece) {
        long bit = 1L << piece;
        int w = piece >>> 6;
        if ((bits[w] & bit) != 0) {
            bits[w] &= ~bit;
            count--;
        }
    }

    /** @return whether the peer is choking us (then only allowed-fast pieces are picked) */
    public boolean choked() {
        return choked;
    }

    /** Records whether the peer chokes us. A new peer starts choked. */
    public void setChoked(boolean choked) {
        this.choked = choked;
    }

    /**
     * Records an ALLOWED FAST piece (BEP 6). Duplicates and pieces past
     * {@link #MAX_ALLOWED_FAST} are ignored.
     *
     * @return whether it was added
     */
    public boolean addAllowedFast(int piece) {
        for (int i = 0; i < allowedFastCount; i++) {
            if (allowedFast[i] == piece) {
                return false;
            }
        }
        if (allowedFastCount == MAX_ALLOWED_FAST) {
            return false;
        }
        allowedFast[allowedFastCount++] = piece;
        return true;
    }

    int allowedFastCount() {
        return allowedFastCount;
    }

    int allowedFast(int i) {
        return allowedFast[i];
    }

    /** Records a SUGGEST PIECE (BEP 6); the oldest suggestion goes when the list is full. */
    public void suggest(int piece) {
        for (int i = 0; i < suggestedCount; i++) {
            if (suggested[i] == piece) {
                return;
            }
        }
        if (suggestedCount == MAX_SUGGESTED) {
            System.arraycopy(suggested, 1, suggested, 0, MAX_SUGGESTED - 1);
            suggestedCount--;
        }
        suggested[suggestedCount++] = piece;
    }

    int suggestedCount() {
        return suggestedCount;
    }

    int suggested(int i) {
        return suggested[i];
    }

    @Override
    public String toString() {
        return "PickerPeer[" + id + (hasAll ? ", seed" : ", " + count + " pieces") + (choked ? ", choked" : "") + "]";
    }
}
