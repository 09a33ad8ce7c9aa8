package dev.torrpedo.cli;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Where a command writes and what it knows of its surroundings, passed in so that commands
 * can run in a test.
 *
 * @param out      stdout: what the user asked for
 * @param err      stderr: errors, logs, hashing progress
 * @param terminal whether the user watches a terminal ({@code System.console() != null}):
 *                 progress is then redrawn in place
 * @param nanoTime a monotonic clock in nanoseconds
 */
public record Io(PrintStream out, PrintStream err, boolean terminal, LongSupplier nanoTime) {
    /** Checks every part is there. */
    public Io {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** @return the process's own streams, console and clock */
    public static Io system() {
        return new Io(System.out, System.err, System.console() != null, System::nanoTime);
    }
}
