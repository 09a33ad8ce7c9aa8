package dev.torrpedo.engine.internal.rate;

/**
 * Bytes per second over a sliding window, on time passed in by the caller (nanoseconds from
 * any fixed origin, as {@code System.nanoTime()} or a test clock gives). The window is cut
 * into slots; the rate is the bytes of the slots still in the window over the time they
 * cover, so a meter younger than its window reports over its age (at least one slot).
 *
 * <p>Not thread-safe: one owner (a peer's event loop) adds and reads. Time must not go back.
 */
public final class RateMeter {
    /** The window peers are measured over: 5 seconds in 1-second slots. */
    public static final long DEFAULT_WINDOW_NANOS = 5_000_000_000L;

    private final long slotNanos;
    private final long[] slots;
    private final long origin;
    private long current;
    private long total;

    /** A meter over {@link #DEFAULT_WINDOW_NANOS} in five slots, starting at {@code nowNanos}. */
    public RateMeter(long nowNanos) {
        this(DEFAULT_WINDOW_NANOS, 5, nowNanos);
    }

    /**
     * @param windowNanos how far back the rate looks
     * @param slotCount   into how many slots the window is cut (the finer, the smoother)
     * @param nowNanos    the time the meter starts
     */
    public RateMeter(long windowNanos, int slotCount, long nowNanos) {
        if (slotCount < 1 || windowNanos < slotCount) {
            throw new IllegalArgumentException("window " + windowNanos + " ns in " + slotCount + " slots");
        }
        this.slotNanos = windowNanos / slotCount;
        this.slots = new long[slotCount];
        this.origin = nowNanos;
    }

    /** Counts {@code bytes} transferred at {@code nowNanos}. */
    public void add(long bytes, long nowNanos) {
        advance(nowNanos);
        slots[(int) (current % slots.length)] += bytes;
        total += bytes;
    }

    /** @return bytes per second over the window ending at {@code nowNanos} */
    public long rate(long nowNanos) {
        advance(nowNanos);
        long sum = 0;
        for (long s : slots) {
            sum += s;
        }
        long windowStart = Math.max(origin, origin + (current - slots.length + 1) * slotNanos);
        long span = Math.max(slotNanos, nowNanos - windowStart);
        return (long) (sum * 1e9 / span);
    }

    /** @return every byte ever counted */
    public long total() {
        return total;
    }

    private void advance(long nowNanos) {
        long slot = Math.max(0, (nowNanos - origin) / slotNanos);
        if (slot > current) {
            long clear = Math.min(slot - current, slots.length);
            for (long s = 1; s <= clear; s++) {
                slots[(int) ((current + s) % slots.length)] = 0;
            }
            current = slot;
        }
    }
}
