package dev.torrpedo.engine.internal.picker;

import java.util.Arrays;

/**
 * What to do with a block that arrived: write it or drop it, and, in endgame, which other
 * peers had requested it too and should be sent a CANCEL. The common answers are shared
 * constants, so receiving allocates nothing outside endgame.
 */
public final class Received {
    /** Whether to write the block, and why not. */
    public enum Kind {
        /** Write it; the block is now WRITING and owned by the sender. */
        ACCEPTED,
        /** Drop it: the block was already received from someone else. */
        DUPLICATE,
        /** Drop it: the piece is verifying or already had. */
        NOT_NEEDED
    }

    private static final int[] NONE = new int[0];
    /** Write it; no one else asked for it. */
    public static final Received ACCEPTED = new Received(Kind.ACCEPTED, NONE);
    /** Drop it, another peer delivered it first. */
    public static final Received DUPLICATE = new Received(Kind.DUPLICATE, NONE);
    /** Drop it, the piece is no longer downloading. */
    public static final Received NOT_NEEDED = new Received(Kind.NOT_NEEDED, NONE);

    private final Kind kind;
    private final int[] cancel;

    private Received(Kind kind, int[] cancel) {
        this.kind = kind;
        this.cancel = cancel;
    }

    static Received acceptedCancelling(int[] peers) {
        return peers.length == 0 ? ACCEPTED : new Received(Kind.ACCEPTED, peers);
    }

    /** @return whether to write it, and why not */
    public Kind kind() {
        return kind;
    }

    /** @return whether the caller should write the block */
    public boolean accepted() {
        return kind == Kind.ACCEPTED;
    }

    /**
     * @return ids ({@link PickerPeer#id()}) of the other peers that had requested this block
     *         and should be sent CANCEL; a peer that had already let go of its request may
     *         appear, so the caller cancels only what it still has outstanding
     */
    public int[] cancelPeers() {
        return cancel.clone();
    }

    /** @return how many other peers to cancel */
    public int cancelCount() {
        return cancel.length;
    }

    @Override
    public String toString() {
        return kind + (cancel.length == 0 ? "" : " cancel " + Arrays.toString(cancel));
    }
}
