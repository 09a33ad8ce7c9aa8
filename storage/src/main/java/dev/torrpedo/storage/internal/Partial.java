package dev.torrpedo.storage.internal;

import java.util.BitSet;

/**
 * An unfinished piece, as the torrent's job queue sees it: the blocks written, how far the
 * bytes were handed in order to the hasher, and the hash lane that feeds it. Touched only by
 * the job queue.
 */
final class Partial {
    /** 16 KiB blocks written in full. */
    final BitSet blocks;
    /** Bytes from the piece's start handed to {@link #hasher}, in order. */
    int cursor;
    /** Created with the first in-order block; {@code null} before. */
    PieceHasher hasher;
    /** Runs the hasher's updates in order, on the verifier pool. */
    SerialQueue lane;
    /** The piece cannot be hashed (v2 without its layer): blocks are written only. */
    boolean noHash;

    Partial() {
        this(new BitSet());
    }

    Partial(BitSet blocks) {
        this.blocks = blocks;
    }
}
