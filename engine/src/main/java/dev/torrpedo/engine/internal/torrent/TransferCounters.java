package dev.torrpedo.engine.internal.torrent;

import java.util.concurrent.atomic.LongAdder;

/**
 * A torrent's payload counters (added to from every peer's loop) and its rates, sampled once
 * a second by the control loop over the last {@link #WINDOW} seconds.
 */
final class TransferCounters {
    static final int WINDOW = 5;

    private final LongAdder downloaded = new LongAdder();
    private final LongAdder uploaded = new LongAdder();
    private final long[] times = new long[WINDOW + 1];
    private final long[] down = new long[WINDOW + 1];
    private final long[] up = new long[WINDOW + 1];
    private int samples;
    private volatile long downloadRate;
    private volatile long uploadRate;

    void downloaded(long n) {
        downloaded.add(n);
    }

    void uploaded(long n) {
        uploaded.add(n);
    }

    long downloaded() {
        return downloaded.sum();
    }

    long uploaded() {
        return uploaded.sum();
    }

    long downloadRate() {
        return downloadRate;
    }

    long uploadRate() {
        return uploadRate;
    }

    /**
     * Takes this second's sample (control loop only).
     *
     * @return whether a rate changed
     */
    boolean sample(long nowNanos) {
        int slot = samples % times.length;
        times[slot] = nowNanos;
        down[slot] = downloaded.sum();
        up[slot] = uploaded.sum();
        samples++;
        int oldest = samples < times.length ? 0 : samples % times.length;
        long span = nowNanos - times[oldest];
        long d = span <= 0 ? 0 : (down[slot] - down[oldest]) * 1_000_000_000L / span;
        long u = span <= 0 ? 0 : (up[slot] - up[oldest]) * 1_000_000_000L / span;
        if (d == downloadRate && u == uploadRate) {
            return false;
        }
        downloadRate = d;
        uploadRate = u;
        return true;
    }
}
