package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.MetainfoError;
import dev.torrpedo.metainfo.MetainfoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String report(Throwable t, int expectedCode) {
        assertEquals(expectedCode, ErrorReporter.report(t, false, err));
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, written.lines().count(), written);
        bytes.reset();
        return written.strip();
    }

    @Test
    void eachFailureHasItsCodeAndOneLine() {
        assertEquals("torrpedo: --select 9: no", report(CliException.usage("--select 9: no"), 2));
        assertEquals("torrpedo: bad", report(CliException.badTorrent("bad", null), 3));
        assertEquals("torrpedo: INVALID_MAGNET: no xt (field 'xt')",
                report(new MetainfoException(MetainfoError.INVALID_MAGNET, "xt", "no xt"), 3));
        assertEquals("torrpedo: interrupted", report(new InterruptedException(), 130));
        assertEquals("torrpedo: /x: no such file or directory", report(new NoSuchFileException("/x"), 1));
        assertEquals("torrpedo: /y: permission denied", report(new AccessDeniedException("/y"), 1));
        assertEquals("torrpedo: disk full", report(new IOException("disk full"), 1));
        assertEquals("torrpedo: connection refused", report(new java.net.ConnectException(), 1));
        assertTrue(report(new NullPointerException("boom"), 1)
                .startsWith("torrpedo: internal error: java.lang.NullPointerException: boom"));
    }

    @Test
    void wrappersAreOpened() {
        assertEquals("torrpedo: x", report(new CompletionException(CliException.badTorrent("x", null)), 3));
        assertEquals("torrpedo: y", report(new ExecutionException(new UncheckedIOException(new IOException("y"))), 1));
        assertEquals("torrpedo: interrupted", report(new CompletionException(new InterruptedException()), 130));
    }

    @Test
    void aMultiLineMessageBecomesOneLine() {
        assertEquals("torrpedo: first second third", report(CliException.runtime("first\n  second\r\nthird\n", null), 1));
    }

    @Test
    void verboseAddsTheStackTrace() {
        IOException cause = new IOException("disk full");
        assertEquals(1, ErrorReporter.report(CliException.runtime("cannot write", cause), true, err));
        String written = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(written.startsWith("torrpedo: cannot write" + System.lineSeparator()
                + CliException.class.getName() + ": cannot write"), written);
        assertTrue(written.contains("Caused by: java.io.IOException: disk full"), written);
        assertTrue(written.contains("\tat dev.torrpedo.cli.ErrorReporterTest"), written);
    }
}
