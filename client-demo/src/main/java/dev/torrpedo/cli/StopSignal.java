package dev.torrpedo.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a command that runs until done or stopped ({@code download}, {@code seed},
 * {@code demo}) learns that the user wants it to stop: the first Ctrl-C releases
 * {@link #await}, and the command then stops gracefully (resume data saved); a second
 * Ctrl-C exits at once ({@link InterruptHandler}).
 *
 * <pre>{@code
 * try (StopSignal stop = StopSignal.install(io)) {
 *     while (!done && !stop.await(100, TimeUnit.MILLISECONDS)) { ... }
 * }
 * }</pre>
 */
final class StopSignal implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private InterruptHandler ctrlC;

    private StopSignal() {
    }

    /** @return a signal that Ctrl-C (SIGINT) raises until {@link #close()} */
    static StopSignal install(Io io) {
        StopSignal s = new StopSignal();
        s.ctrlC = InterruptHandler.install(s::request, io.err());
        return s;
    }

    /** Asks the command to stop. */
    void request() {
        stop.countDown();
    }

    /** @return whether a stop was asked for */
    boolean requested() {
        return stop.getCount() == 0;
    }

    /**
     * Waits for a stop at most {@code timeout}.
     *
     * @return whether a stop was asked for
     */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return stop.await(timeout, unit);
    }

    /** Gives Ctrl-C back its default (exit at once). */
    @Override
    public void close() {
        if (ctrlC != null) {
            ctrlC.close();
        }
    }
}
