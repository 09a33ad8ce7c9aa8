package dev.torrpedo.engine.internal.limit;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket in a tree of them (global, then torrent, then peer) for one direction. A
 * grant is taken from this bucket and every limited ancestor, so a peer never exceeds its own
 * limit, its torrent's or the session's. Unlimited (rate 0) is the default at every level.
 *
 * <p>The bucket is one {@code AtomicLong}: the instant at which it would have been empty
 * ({@code emptyAt}); it holds {@code min(burst, (now - emptyAt) x rate)} bytes. Taking
 * {@code g} bytes moves {@code emptyAt} forward by {@code g / rate} in one CAS, so the data
 * path takes no lock and a grant is exact under any interleaving. A grant larger than what
 * is there (to let a whole message go) moves {@code emptyAt} into the future: a debt that
 * later callers wait out.
 *
 * <p>Threading: {@link #acquire} may be called from any thread; the clock is injected
 * ({@code LongSupplier} of nanoseconds, {@code System::nanoTime} in production).
 */
public final class RateLimiter {
    /** A rate of 0 means unlimited. */
    public static final long UNLIMITED = 0;
    /** The smallest burst: a few blocks, so a 16 KiB block plus its header always fits. */
    public static final long MIN_BURST = 64 * 1024;
    /** The default burst is this much time at the rate: 250 ms. */
    public static final long DEFAULT_BURST_NANOS = 250_000_000L;
    private static final long SECOND = 1_000_000_000L;
    /** The largest whole message a caller may insist on (keeps the nanosecond arithmetic in range). */
    private static final long MAX_MIN = 1L << 32;
    /** A single grant never exceeds this; ask again for more. */
    private static final long MAX_GRANT = 1L << 32;

    private final RateLimiter parent;
    private final LongSupplier clock;
    private final AtomicLong emptyAt;
    private volatile Limit limit = Limit.NONE;

    /** Rate and burst, swapped as one. */
    private static final class Limit {
        static final Limit NONE = new Limit(UNLIMITED, 0);
        final long rate;
        final long burst;

        Limit(long rate, long burst) {
            this.rate = rate;
            this.burst = burst;
        }

        long nanosFor(long bytes) {
            // ceil(bytes * 1e9 / rate) without overflow for bytes, rate < 2^33
            long whole = bytes / rate;
            long rest = bytes % rate;
            return whole * SECOND + (rest * SECOND + rate - 1) / rate;
        }

        long bytesIn(long nanos) {
            return nanos / SECOND * rate + nanos % SECOND * rate / SECOND;
        }
    }

    private RateLimiter(RateLimiter parent, LongSupplier clock) {
        this.parent = parent;
        this.clock = clock;
        this.emptyAt = new AtomicLong(clock.getAsLong() - 4 * SECOND * 1_000);
    }

    /** @return an unlimited root (the session's bucket for one direction) on this clock */
    public static RateLimiter root(LongSupplier nanoClock) {
        return new RateLimiter(null, Objects.requireNonNull(nanoClock, "nanoClock"));
    }

    /** @return a new unlimited bucket under this one (a torrent's, or a peer's) */
    public RateLimiter newChild() {
        return new RateLimiter(this, clock);
    }

    /** @return the parent bucket, or null for a root */
    public RateLimiter parent() {
        return parent;
    }

    /**
     * Sets the rate with the default burst ({@link #DEFAULT_BURST_NANOS} at the rate, at least
     * {@link #MIN_BURST}).
     *
     * @param bytesPerSecond the limit, or {@link #UNLIMITED}
     */
    public void setRate(long bytesPerSecond) {
        setRate(bytesPerSecond, Math.max(MIN_BURST, bytesPerSecond / (SECOND / DEFAULT_BURST_NANOS)));
    }

    /**
     * @param bytesPerSecond the limit, or {@link #UNLIMITED}
     * @param burstBytes     the most that can be taken at once after a quiet spell
     */
    public void setRate(long bytesPerSecond, long burstBytes) {
        if (bytesPerSecond < 0 || bytesPerSecond >= 1L << 33) {
            throw new IllegalArgumentException("bytesPerSecond: " + bytesPerSecond + " (expected: 0..2^33)");
        }
        if (bytesPerSecond > 0 && (burstBytes < 1 || burstBytes >= 1L << 33)) {
            throw new IllegalArgumentException("burstBytes: " + burstBytes + " (expected: 1..2^33)");
        }
        limit = bytesPerSecond == UNLIMITED ? Limit.NONE : new Limit(bytesPerSecond, burstBytes);
    }

    /** @return the rate in bytes per second, or {@link #UNLIMITED} */
    public long rate() {
        return limit.rate;
    }

    /** @return whether this bucket and all its ancestors are unlimited */
    public boolean isUnlimited() {
        for (RateLimiter l = this; l != null; l = l.parent) {
            if (l.limit.rate != UNLIMITED) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many of the next {@code want} bytes may go now, any amount from 1 (at most 4 GiB).
     *
     * @return the bytes granted (&gt; 0), or, if none, minus the nanoseconds to wait before
     *         asking again (&lt; 0); see {@link #granted} and {@link #waitNanos}
     */
    public long acquire(long want) {
        return acquire(want, 1);
    }

    /**
     * How many of the next {@code want} bytes may go now, at least {@code min} of them (a
     * whole message). When a bucket is full but holds less than {@code min}, {@code min} is
     * granted anyway and the overdraft is waited out by later callers.
     *
     * @return the bytes granted (between {@code min} and {@code want}), or minus the
     *         nanoseconds to wait before asking again
     */
    public long acquire(long want, long min) {
        if (want <= 0 || min <= 0 || min > want || min > MAX_MIN) {
            throw new IllegalArgumentException("want " + want + ", min " + min + " (expected: 0 < min <= want, min <= 2^32)");
        }
        want = Math.min(want, MAX_GRANT);
        long now = clock.getAsLong();
        long granted = want;
        // take from each limited bucket, leaf to root, each granting at most what the last did
        RateLimiter failedAt = null;
        long wait = 0;
        for (RateLimiter l = this; l != null; l = l.parent) {
            Limit lim = l.limit;
            if (lim.rate == UNLIMITED) {
                continue;
            }
            long g = l.take(lim, granted, Math.min(min, granted), now);
            if (g <= 0) {
                failedAt = l;
                wait = -g;
                break;
            }
            if (g < granted) {
                // ancestors may take less than descendants did: give the difference back below
                refundBelow(l, granted, g);
                granted = g;
            }
        }
        if (failedAt != null) {
            refundBelow(failedAt, granted, 0);
            return -Math.max(1, wait);
        }
        return granted;
    }

    /** Gives {@code had - keep} back to every limited bucket from this one up to (not incl.) {@code upTo}. */
    private void refundBelow(RateLimiter upTo, long had, long keep) {
        for (RateLimiter l = this; l != upTo; l = l.parent) {
            Limit lim = l.limit;
            if (lim.rate != UNLIMITED) {
                l.emptyAt.addAndGet(-(lim.nanosFor(had) - lim.nanosFor(keep)));
            }
        }
    }

    /** @return bytes taken (&gt; 0), or minus the nanoseconds until {@code min} would be there */
    private long take(Limit lim, long want, long min, long now) {
        long capNanos = lim.nanosFor(lim.burst);
        long need = Math.min(min, lim.burst);
        while (true) {
            long e = emptyAt.get();
            long base = Math.max(e, now - capNanos);
            long available = base >= now ? 0 : lim.bytesIn(now - base);
            if (available < need) {
                long wait = base + lim.nanosFor(need) - now;
                return -Math.max(1, wait);
            }
            long g = Math.max(min, Math.min(want, available));
            if (emptyAt.compareAndSet(e, base + lim.nanosFor(g))) {
                return g;
            }
        }
    }

    /** @return whether an {@link #acquire} result is a grant */
    public static boolean granted(long result) {
        return result > 0;
    }

    /** @return the nanoseconds to wait from an {@link #acquire} result that is not a grant */
    public static long waitNanos(long result) {
        return result < 0 ? -result : 0;
    }
}
