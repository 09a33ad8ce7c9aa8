package dev.torrpedo.cli;

/** The exit codes of {@code torrpedo}, the same for every command. */
public final class ExitCode {
    /** Done: the command did what was asked. */
    public static final int OK = 0;
    /** A runtime error: a file that cannot be read or written, a network failure, ... */
    public static final int RUNTIME = 1;
    /** Bad usage: an unknown command or flag, a malformed or out-of-range value. */
    public static final int USAGE = 2;
    /** A .torrent file or magnet link that cannot be used. */
    public static final int BAD_TORRENT = 3;
    /** Stopped by Ctrl-C (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
