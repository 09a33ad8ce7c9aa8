package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private long now = 1_000;

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void advance(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void plainLinesComeEveryFewSeconds() {
        ProgressPrinter p = new ProgressPrinter(out, false, () -> now);
        p.show("a");
        advance(4_999);
        p.show("b");
        advance(1);
        p.show("c");
        p.show("d");
        p.showNow("e");
        p.finish();
        assertEquals("a\nc\ne\n", written());
    }

    @Test
    void aTerminalIsRedrawnInPlaceAtMostFiveTimesASecond() {
        ProgressPrinter p = new ProgressPrinter(out, true, () -> now);
        p.show("a");
        advance(100);
        p.show("b");
        advance(100);
        p.show("c");
        p.finish();
        p.finish();
        assertEquals("\ra\u001b[K\rc\u001b[K\n", written());
    }

    @Test
    void aChangeOfStateShowsAtOnce() {
        ProgressPrinter p = new ProgressPrinter(out, false, () -> now);
        TransferStatus downloading = ProgressLineTest.status(TransferState.DOWNLOADING, 0.5, 1, 2);
        TransferStatus seeding = ProgressLineTest.status(TransferState.SEEDING, 1, 2, 2);
        p.update(downloading);
        advance(10);
        p.update(downloading);
        p.update(seeding);
        p.update(seeding);
        assertEquals(ProgressLine.text(downloading) + "\n" + ProgressLine.text(seeding) + "\n", written());
    }

    @Test
    void finishWritesNothingForPlainLines() {
        ProgressPrinter p = new ProgressPrinter(out, false, () -> now);
        p.finish();
        p.show("a");
        p.finish();
        assertEquals("a\n", written());
    }
}
