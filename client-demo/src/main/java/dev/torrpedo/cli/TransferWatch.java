package dev.torrpedo.cli;

import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.TorrentStatus;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Follows one torrent of a session on the command's thread until it gets where the command
 * wants or the user stops it, showing its status: the progress line (redrawn on a terminal,
 * a plain line every few seconds otherwise) or, with {@code --json}, one JSON object a
 * second. Status goes to stdout; a torrent that stops on an error ends the watch with a
 * {@link CliException}.
 */
final class TransferWatch {
    /** How often the status is read: often enough for a smooth redraw and a prompt stop. */
    static final long POLL_MILLIS = 100;
    /** The pace of {@code --json} lines. */
    static final long JSON_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Where the command wants the torrent to get. */
    enum Goal {
        /** Every wanted piece verified. */
        COMPLETE,
        /** Complete, then seeded until the engine's seed limits pause it. */
        SEED_LIMIT,
        /** Out of checking, whatever it found (the caller decides what next). */
        CHECKED,
        /** The metadata known (a magnet link's, fetched from peers). */
        METADATA,
        /** Nowhere: seed until stopped. */
        FOREVER
    }

    /** How the watch ended. */
    enum End {
        /** The goal was met. */
        REACHED,
        /** The user asked to stop ({@link StopSignal}). */
        STOPPED
    }

    private final Io io;
    private final boolean json;
    private final StopSignal stop;
    private final ProgressPrinter printer;
    private long lastJson;
    private TransferStatus last;
    /** Whether {@link #last} is what the output shows now. */
    private boolean lastShown;

    /**
     * @param io   where to show the status, and the clock that paces it
     * @param json one JSON object a second instead of the progress line
     * @param stop the user's request to stop
     */
    TransferWatch(Io io, boolean json, StopSignal stop) {
        this.io = Objects.requireNonNull(io, "io");
        this.json = json;
        this.stop = Objects.requireNonNull(stop, "stop");
        this.printer = new ProgressPrinter(io.out(), io.terminal(), io.nanoTime());
    }

    /**
     * Shows {@code status} at once (as the first thing a command prints, before the session
     * even listens: scripts that wait for a state then never see a stale one).
     */
    void showNow(TransferStatus status) {
        last = status;
        if (json) {
            writeJson(status);
        } else {
            printer.update(status);
        }
        lastShown = true;
    }

    /**
     * Follows {@code torrent} until {@code goal} or a stop, then shows its last status.
     *
     * @return how it ended
     * @throws CliException ({@link ExitCode#RUNTIME}) when the torrent stops on an error
     */
    End watch(TorrentHandle torrent, Goal goal) throws InterruptedException {
        boolean wasComplete = false;
        while (true) {
            TorrentStatus s = torrent.status();
            if (s.state() == TorrentState.ERROR) {
                show(TransferStatus.of(s, torrent.metainfo().isPresent()));
                finish();
                throw CliException.runtime(torrent.name() + ": " + (s.error() == null ? "stopped on an error" : s.error()),
                        null);
            }
            wasComplete |= s.state() == TorrentState.SEEDING;
            boolean reached = reached(goal, torrent, s, wasComplete);
            if (reached && goal == Goal.CHECKED) {
                // What follows the check is the caller's to show; the line stays open for it.
                return End.REACHED;
            }
            show(TransferStatus.of(s, torrent.metainfo().isPresent()));
            if (reached) {
                finish();
                return End.REACHED;
            }
            if (stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                finish();
                return End.STOPPED;
            }
        }
    }

    private static boolean reached(Goal goal, TorrentHandle torrent, TorrentStatus s, boolean wasComplete) {
        boolean checking = s.state() == TorrentState.CHECKING || s.state() == TorrentState.FETCHING_METADATA;
        switch (goal) {
            case COMPLETE:
                return !checking && s.state() != TorrentState.PAUSED && s.isComplete();
            case SEED_LIMIT:
                return wasComplete && s.state() == TorrentState.PAUSED;
            case CHECKED:
                return !checking;
            case METADATA:
                return torrent.metainfo().isPresent();
            case FOREVER:
                return false;
            default:
                throw new AssertionError(goal);
        }
    }


    private void show(TransferStatus s) {
        boolean changed = last == null || last.state() != s.state();
        last = s;
        if (!json) {
            lastShown = printer.update(s);
            return;
        }
        long now = io.nanoTime().getAsLong();
        lastShown = changed || now - lastJson >= JSON_INTERVAL_NANOS;
        if (lastShown) {
            writeJson(s);
        }
    }

    private void writeJson(TransferStatus s) {
        JsonStatus.write(io.out(), s);
        lastJson = io.nanoTime().getAsLong();
    }

    /** Shows the last status unless it is shown already, and ends a line redrawn in place. */
    private void finish() {
        if (last != null && !lastShown) {
            lastShown = true;
            if (json) {
                writeJson(last);
            } else {
                printer.showNow(ProgressLine.text(last));
            }
        }
        printer.finish();
    }
}
