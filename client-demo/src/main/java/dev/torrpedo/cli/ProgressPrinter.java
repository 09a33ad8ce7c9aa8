package dev.torrpedo.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Writes a progress line at a readable pace: on a terminal, redrawn in place at most every
 * {@code terminalInterval}; elsewhere (a pipe, a log file), a plain line at most every
 * {@code plainInterval}. A change of state, and {@link #showNow(String)}, print at once.
 * Not thread-safe: call it from one thread.
 */
public final class ProgressPrinter {
    /** Default pace of redraws on a terminal. */
    public static final Duration TERMINAL_INTERVAL = Duration.ofMillis(200);
    /** Default pace of plain lines. */
    public static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private boolean shown;
    private boolean drawn;
    private long lastNanos;
    private TransferState lastState;

    /**
     * @param out      where to write
     * @param terminal whether {@code out} is a terminal (redraw in place)
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public ProgressPrinter(PrintStream out, boolean terminal, LongSupplier nanoTime) {
        this(out, terminal, nanoTime, terminal ? TERMINAL_INTERVAL : PLAIN_INTERVAL);
    }

    /** As above, with the least time between two lines. */
    public ProgressPrinter(PrintStream out, boolean terminal, LongSupplier nanoTime, Duration interval) {
        this.out = Objects.requireNonNull(out, "out");
        this.terminal = terminal;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.intervalNanos = interval.toNanos();
    }

    /**
     * Shows {@code status}: at once when its state changed, else if the interval has passed.
     *
     * @return whether it was written
     */
    public boolean update(TransferStatus status) {
        boolean changed = status.state() != lastState;
        lastState = status.state();
        if (changed) {
            showNow(ProgressLine.text(status));
            return true;
        }
        return show(ProgressLine.text(status));
    }

    /**
     * Shows {@code text} if it is the first line or the interval has passed since the last one.
     *
     * @return whether it was written
     */
    public boolean show(String text) {
        long now = nanoTime.getAsLong();
        if (!shown || now - lastNanos >= intervalNanos) {
            write(text, now);
            return true;
        }
        return false;
    }

    /** Shows {@code text} now. */
    public void showNow(String text) {
        write(text, nanoTime.getAsLong());
    }

    /** Ends a line redrawn in place, so what follows starts on a line of its own. */
    public void finish() {
        if (drawn) {
            out.print("\n");
            out.flush();
            drawn = false;
        }
    }

    private void write(String text, long now) {
        out.print(ProgressLine.frame(text, terminal));
        out.flush();
        shown = true;
        drawn = terminal;
        lastNanos = now;
    }
}
