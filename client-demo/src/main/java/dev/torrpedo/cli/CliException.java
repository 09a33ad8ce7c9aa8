package dev.torrpedo.cli;

/**
 * A failure the user can act on: its message is printed as one line on stderr and the
 * process exits with {@link #exitCode()}. The stack trace is shown only with {@code --verbose}.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCode}
     * @param message  one line that says what failed and, where it helps, what to do
     * @param cause    the underlying failure, or {@code null}
     */
    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** @return a bad-usage failure ({@link ExitCode#USAGE}) */
    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message, null);
    }

    /** @return a runtime failure ({@link ExitCode#RUNTIME}) */
    public static CliException runtime(String message, Throwable cause) {
        return new CliException(ExitCode.RUNTIME, message, cause);
    }

    /** @return a bad torrent or magnet failure ({@link ExitCode#BAD_TORRENT}) */
    public static CliException badTorrent(String message, Throwable cause) {
        return new CliException(ExitCode.BAD_TORRENT, message, cause);
    }

    /** @return the exit code, one of {@link ExitCode} */
    public int exitCode() {
        return exitCode;
    }
}
