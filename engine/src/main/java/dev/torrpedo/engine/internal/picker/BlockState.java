package dev.torrpedo.engine.internal.picker;

/** Where one block is on its way from a peer to disk. */
public enum BlockState {
    /** Nobody has requested it (or every request was released). */
    NONE,
    /** Requested from one peer, or from several in endgame. */
    REQUESTED,
    /** Received; its write to storage is queued or running. */
    WRITING,
    /** Written to storage. */
    FINISHED;

    static BlockState of(int code) {
        return values()[code];
    }
}
