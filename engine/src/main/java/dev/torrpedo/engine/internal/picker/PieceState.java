package dev.torrpedo.engine.internal.picker;

/** Where one piece is, as the picker sees it. */
public enum PieceState {
    /** No block of it is requested, received or written. */
    MISSING,
    /** Some block of it is requested, received or written, but not all are written. */
    PARTIAL,
    /** Every block is written; its hash is being checked. */
    VERIFYING,
    /** Verified (or proven by resume data). */
    HAVE
}
