package dev.torrpedo.cli;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * What Ctrl-C does while a command runs: the first SIGINT asks the command to stop
 * gracefully (save resume data, tell the trackers, close files) by running the callback;
 * a second one exits at once with {@link ExitCode#INTERRUPTED}, for a graceful stop that
 * hangs. The command itself returns {@link ExitCode#INTERRUPTED} after a graceful stop.
 *
 * <pre>{@code
 * try (InterruptHandler ctrlC = InterruptHandler.install(session::close, err)) {
 *     ... run until done or ctrlC.interrupted() ...
 * }
 * }</pre>
 *
 * <p>The signal is caught through {@link SignalTrap}, the only way in Java 17 to see SIGINT
 * and keep running; a shutdown hook cannot, since the JVM is already exiting. Where the
 * signal cannot be caught (the JVM runs with {@code -Xrs}, SIGINT was ignored when it
 * started, or the runtime lacks {@code jdk.unsupported}), {@link #install} leaves the
 * default, which exits at once, and {@link #installed()} says so.
 */
public final class InterruptHandler implements AutoCloseable {
    private final Runnable gracefulStop;
    private final IntConsumer halt;
    private final PrintStream err;
    private final AtomicInteger signals = new AtomicInteger();
    private SignalTrap trap;

    /**
     * A handler not yet attached to the signal; {@link #signal()} drives it directly (tests).
     *
     * @param gracefulStop run on the first Ctrl-C, on the signal's own thread; may block
     * @param halt         run with 130 on the second Ctrl-C ({@code Runtime.getRuntime()::halt})
     * @param err          where to tell the user what is happening
     */
    public InterruptHandler(Runnable gracefulStop, IntConsumer halt, PrintStream err) {
        this.gracefulStop = Objects.requireNonNull(gracefulStop, "gracefulStop");
        this.halt = Objects.requireNonNull(halt, "halt");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * Catches SIGINT until {@link #close()}: the first runs {@code gracefulStop}, the second
     * halts the JVM with {@link ExitCode#INTERRUPTED}.
     */
    public static InterruptHandler install(Runnable gracefulStop, PrintStream err) {
        InterruptHandler h = new InterruptHandler(gracefulStop, Runtime.getRuntime()::halt, err);
        h.trap = SignalTrap.sigint(h::signal).orElse(null);
        return h;
    }

    /** @return whether SIGINT is caught by this handler (false: Ctrl-C exits at once) */
    public boolean installed() {
        return trap != null;
    }

    /** What one Ctrl-C does: the first stops gracefully, any later one halts. */
    public void signal() {
        int n = signals.incrementAndGet();
        if (n == 1) {
            err.println();
            err.println(ErrorReporter.PREFIX + "stopping (press Ctrl-C again to quit at once)");
            err.flush();
            gracefulStop.run();
        } else {
            halt.accept(ExitCode.INTERRUPTED);
        }
    }

    /** @return whether Ctrl-C was pressed */
    public boolean interrupted() {
        return signals.get() > 0;
    }

    /** Gives SIGINT back to what handled it before {@link #install}. */
    @Override
    public void close() {
        if (trap != null) {
            trap.close();
            trap = null;
        }
    }
}
