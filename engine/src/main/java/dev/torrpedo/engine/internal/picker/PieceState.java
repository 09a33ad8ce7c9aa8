package dev.torrpedo.engine.internal.picker;

/** Where one piece is, as the picker sees it. */
public enum PieceState {
    /** Not started: no block of it was ever requested or received. */
    MISSING,
    /**
     * Started and not finished: some block was requested or received since it was last
     * untouched (a piece that failed its hash stays here). Partial pieces are picked first.
     */
    PARTIAL,
    /** Every block is written; its hash is being checked. */
    VERIFYING,
    /** Verified (or proven by resume data). */
    HAVE
}
