package dev.torrpedo.benchmarks.scale;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the harness's findings as it goes, and the per-unit costs against the goals at
 * the end.
 */
final class Report {
    private final PrintStream out;
    private final List<String> verdicts = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    /** Prints one formatted line. */
    void line(String format, Object... args) {
        out.println(String.format(format, args));
        out.flush();
    }

    /**
     * Prints what {@code count} units (torrents, connections) added over {@code base}.
     *
     * @return the heap retained per unit, in bytes
     */
    double row(String unit, int count, Gauge.Reading base, Gauge.Reading now) {
        double heap = (double) (now.heapBytes() - base.heapBytes()) / count;
        double rss = (double) (now.rssBytes() - base.rssBytes()) / count;
        line("%,6d %ss: heap +%s (%s per %s), RSS +%s (%s per %s)", count, unit,
                bytes(now.heapBytes() - base.heapBytes()), bytes(Math.round(heap)), unit,
                bytes(now.rssBytes() - base.rssBytes()), bytes(Math.round(rss)), unit);
        return heap;
    }

    /**
     * Prints what each unit between two counts added: the slope, free of the one-time costs
     * (classes loaded, pools and caches warmed) the first units pay.
     *
     * @return the heap per unit between the two counts, in bytes
     */
    double slope(String unit, int fromCount, Gauge.Reading from, int toCount, Gauge.Reading to) {
        int k = toCount - fromCount;
        double heap = (double) (to.heapBytes() - from.heapBytes()) / k;
        double rss = (double) (to.rssBytes() - from.rssBytes()) / k;
        line("%,6d -> %,d %ss: %s heap, %s RSS per %s", fromCount, toCount, unit, bytes(Math.round(heap)),
                bytes(Math.round(rss)), unit);
        return heap;
    }

    /**
     * Records whether a per-unit heap cost meets its goal, for {@link #verdicts()}: the
     * average over every unit (one-time costs included) decides; the slope is shown beside it.
     */
    void goal(String what, double averageBytes, double slopeBytes, long goalBytes) {
        verdicts.add(String.format("%s: %s each on average (%s at the margin), goal < %s: %s", what,
                bytes(Math.round(averageBytes)), bytes(Math.round(slopeBytes)), bytes(goalBytes),
                averageBytes < goalBytes ? "holds" : slopeBytes < goalBytes ? "MISSED on average, holds at the margin"
                        : "MISSED"));
    }

    /** @return the goal lines recorded so far */
    List<String> verdicts() {
        return verdicts;
    }

    /** @return {@code n} bytes in KiB or MiB, one decimal */
    static String bytes(long n) {
        double a = Math.abs(n);
        if (a >= 1 << 20) {
            return String.format("%.1f MiB", n / 1048576.0);
        }
        return String.format("%.1f KiB", n / 1024.0);
    }
}
