package dev.torrpedo.storage.internal;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLongArray;

/** A fixed-size bit set that any thread may read and change without a lock. */
final class AtomicBits {
    private final AtomicLongArray words;
    AtomicBits(int size) {
        this.words = new AtomicLongArray((size + 63) >>> 6);
    }

    boolean get(int i) {
        return (words.get(i >>> 6) & (1L << i)) != 0;
    }

    void set(int i) {
        long bit = 1L << i;
        int w = i >>> 6;
        long old;
        do {
            old = words.get(w);
        } while ((old & bit) == 0 && !words.compareAndSet(w, old, old | bit));
    }

    void clear(int i) {
        long bit = 1L << i;
        int w = i >>> 6;
        long old;
        do {
            old = words.get(w);
        } while ((old & bit) != 0 && !words.compareAndSet(w, old, old & ~bit));
    }

    /** @return a snapshot (each word read atomically; bits changing meanwhile may or may not show) */
    BitSet toBitSet() {
        long[] a = new long[words.length()];
        for (int i = 0; i < a.length; i++) {
            a[i] = words.get(i);
        }
        return BitSet.valueOf(a);
    }

    /** Replaces every bit with those of {@code bits}. */
    void setAll(BitSet bits) {
        long[] a = bits.toLongArray();
        for (int i = 0; i < words.length(); i++) {
            words.set(i, i < a.length ? a[i] : 0L);
        }
    }
}
