package dev.torrpedo.engine.internal.picker;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An immutable rarest-first order of the pieces that were untouched when it was built:
 * highest priority first, then lowest availability, ties broken at random. Published through
 * a volatile field and rebuilt by one thread at a time when availability or priorities have
 * changed enough; pickers that race a rebuild keep using the previous order, which is only
 * a heuristic: claims themselves are decided by CAS on the piece and block words.
 */
final class PickOrder {
    final int[] pieces;
    final long availabilityVersion;
    final long structureVersion;
    /** Every entry before this index is no longer untouched; only ever grows. */
    final AtomicInteger start = new AtomicInteger();

    PickOrder(int[] pieces, long availabilityVersion, long structureVersion) {
        this.pieces = pieces;
        this.availabilityVersion = availabilityVersion;
        this.structureVersion = structureVersion;
    }

    void advanceStart(int to) {
        int cur;
        while ((cur = start.get()) < to) {
            if (start.compareAndSet(cur, to)) {
                return;
            }
        }
    }
}
