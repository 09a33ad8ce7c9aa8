package dev.torrpedo.cli;

import dev.torrpedo.metainfo.MetainfoException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a failure into its exit code and ONE line on stderr ({@code torrpedo: <what failed>});
 * the stack trace follows only with {@code --verbose}.
 *
 * <table>
 * <caption>Failures and their exit codes</caption>
 * <tr><td>{@link CliException}</td><td>its own code</td></tr>
 * <tr><td>{@link MetainfoException}</td><td>{@link ExitCode#BAD_TORRENT}</td></tr>
 * <tr><td>{@link InterruptedException}</td><td>{@link ExitCode#INTERRUPTED}</td></tr>
 * <tr><td>{@link IOException}, anything else</td><td>{@link ExitCode#RUNTIME}</td></tr>
 * </table>
 * {@link CompletionException}, {@link ExecutionException} and {@link UncheckedIOException}
 * are unwrapped first, so an engine future that failed reports its cause.
 */
public final class ErrorReporter {
    /** Prefix of every error line. */
    public static final String PREFIX = "torrpedo: ";

    private ErrorReporter() {
    }

    /**
     * Prints {@code failure} as one line (and its stack trace when {@code verbose}) and
     * returns its exit code.
     */
    public static int report(Throwable failure, boolean verbose, PrintStream err) {
        Throwable t = unwrap(failure);
        err.println(PREFIX + oneLine(message(t)));
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exitCode(t);
    }

    /** @return the exit code of {@code failure} (after unwrapping), one of {@link ExitCode} */
    public static int exitCode(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CliException c) {
            return c.exitCode();
        }
        if (t instanceof MetainfoException) {
            return ExitCode.BAD_TORRENT;
        }
        if (t instanceof InterruptedException) {
            return ExitCode.INTERRUPTED;
        }
        return ExitCode.RUNTIME;
    }

    /** @return the message for {@code t} (already unwrapped), without the prefix */
    static String message(Throwable t) {
        if (t instanceof CliException || t instanceof MetainfoException) {
            return String.valueOf(t.getMessage());
        }
        if (t instanceof InterruptedException) {
            return "interrupted";
        }
        if (t instanceof FileSystemException fs) {
            return fileSystem(fs);
        }
        if (t instanceof java.net.ConnectException && t.getMessage() == null) {
            return "connection refused";
        }
        if (t instanceof IOException) {
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
        return "internal error: " + t + " (run with --verbose for the stack trace)";
    }

    private static String fileSystem(FileSystemException e) {
        String file = e.getFile();
        String what;
        if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "already exists";
        } else if (e instanceof NotDirectoryException) {
            what = "not a directory";
        } else if (e instanceof DirectoryNotEmptyException) {
            what = "directory not empty";
        } else {
            what = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        }
        return file == null ? what : file + ": " + what;
    }

    /** @return {@code text} on one line: line breaks and runs of blanks become one space */
    public static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
