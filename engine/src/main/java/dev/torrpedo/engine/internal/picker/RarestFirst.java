package dev.torrpedo.engine.internal.picker;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Keeps the rarest-first {@link PickOrder} fresh enough: rebuilt after any priority change or
 * after availability changed {@code max(1, pieces / 32)} times, by whichever picking thread
 * wins the rebuild flag; the others go on with the previous order.
 */
final class RarestFirst {
    private final PieceTable table;
    private final IntUnaryOperator availability;
    /** Used only by the thread that holds {@link #rebuilding}, so it need not be thread-safe. */
    private final RandomGenerator random;
    private final long rebuildThreshold;
    private final AtomicLong availabilityVersion = new AtomicLong();
    private final AtomicLong structureVersion = new AtomicLong();
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    private volatile PickOrder order;

    RarestFirst(PieceTable table, IntUnaryOperator availability, RandomGenerator random) {
        this.table = table;
        this.availability = availability;
        this.random = random;
        this.rebuildThreshold = Math.max(1, table.pieceCount() >>> 5);
        this.order = build(0, 0);
    }

    void availabilityChanged() {
        availabilityVersion.incrementAndGet();
    }

    void structureChanged() {
        structureVersion.incrementAndGet();
    }

    PickOrder current() {
        PickOrder o = order;
        long av = availabilityVersion.get();
        long sv = structureVersion.get();
        if ((o.structureVersion != sv || av - o.availabilityVersion >= rebuildThreshold)
                && rebuilding.compareAndSet(false, true)) {
            try {
                o = build(av, sv);
                order = o;
            } finally {
                rebuilding.set(false);
            }
        }
        return o;
    }

    /** Untouched wanted pieces by (priority desc, availability asc, random), packed in one sortable long. */
    private PickOrder build(long av, long sv) {
        int pieceCount = table.pieceCount();
        long[] keys = new long[pieceCount];
        int n = 0;
        for (int p = 0; p < pieceCount; p++) {
            long w = table.word(p);
            int prio = PieceWord.priority(w);
            if (PieceWord.state(w) != PieceWord.OPEN || PieceWord.touched(w) || prio == 0) {
                continue;
            }
            long avail = Math.min((1L << 19) - 1, Math.max(0, availability.applyAsInt(p)));
            keys[n++] = ((long) (PiecePicker.MAX_PRIORITY - prio) << 60) | (avail << 41)
                    | ((long) random.nextInt(1 << 20) << 21) | p;
        }
        Arrays.sort(keys, 0, n);
        int[] list = new int[n];
        for (int i = 0; i < n; i++) {
            list[i] = (int) (keys[i] & ((1 << 21) - 1));
        }
        return new PickOrder(list, av, sv);
    }
}
