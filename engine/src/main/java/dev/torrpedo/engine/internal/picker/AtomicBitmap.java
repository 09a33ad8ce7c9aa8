package dev.torrpedo.engine.internal.picker;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongBinaryOperator;

/** A fixed-size bit set whose bits are set and cleared atomically. */
final class AtomicBitmap {
    private static final LongBinaryOperator OR = (a, b) -> a | b;
    private static final LongBinaryOperator AND_NOT = (a, b) -> a & ~b;

    private final AtomicLongArray words;

    AtomicBitmap(int bits) {
        this.words = new AtomicLongArray((bits + 63) >>> 6);
    }

    void set(int bit, boolean value) {
        long mask = 1L << bit;
        int w = bit >>> 6;
        if (((words.get(w) & mask) != 0) != value) {
            words.getAndAccumulate(w, mask, value ? OR : AND_NOT);
        }
    }

    boolean get(int bit) {
        return (words.get(bit >>> 6) & (1L << bit)) != 0;
    }

    int wordCount() {
        return words.length();
    }

    long word(int i) {
        return words.get(i);
    }
}
