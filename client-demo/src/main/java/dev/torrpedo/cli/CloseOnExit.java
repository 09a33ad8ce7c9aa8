package dev.torrpedo.cli;

import java.util.Objects;

/**
 * Runs a close action exactly once: when the command calls {@link #close()}, or from a
 * shutdown hook when the JVM exits first (SIGTERM, SIGHUP), so that a session stopped by
 * {@code kill} still saves its resume data and tells its trackers. A second caller waits
 * for the first to finish, so the JVM does not exit half-way through a close.
 */
final class CloseOnExit implements AutoCloseable {
    private final Runnable action;
    private final Thread hook;
    private boolean closed;

    /**
     * Registers the shutdown hook.
     *
     * @param name   names the hook's thread
     * @param action the close; it may block (the JVM waits for it on exit)
     */
    CloseOnExit(String name, Runnable action) {
        this.action = Objects.requireNonNull(action, "action");
        this.hook = new Thread(this::runOnce, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private synchronized void runOnce() {
        if (!closed) {
            closed = true;
            action.run();
        }
    }

    /** Runs the action (unless it ran already) and drops the hook. */
    @Override
    public void close() {
        runOnce();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook finds the action done
        }
    }
}
