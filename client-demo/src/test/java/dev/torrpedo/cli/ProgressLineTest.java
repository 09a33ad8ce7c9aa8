package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProgressLineTest {
    static final String ID = "228a2fa75886f141918adcc3ffd8de22d6ef71f5";

    static TransferStatus status(TransferState state, double progress, long done, long total) {
        return new TransferStatus(ID, "payload", state, progress, done, total, 110_000_000, 1_400_000, 13_002_342,
                1_258_291, 12, 3, 2, 0.0123);
    }

    @Test
    void showsEveryField() {
        assertEquals("downloading  42.3%  108.3 MiB/256.0 MiB  down 12.4 MiB/s  up 1.2 MiB/s  eta 12s  peers 3 (2 seeds)"
                + "  ratio 0.01", ProgressLine.text(status(TransferState.DOWNLOADING, 0.4231, 113_573_068, 268_435_456)));
    }

    @Test
    void eachStateHasItsWord() {
        assertEquals("checking      0.0%", ProgressLine.text(status(TransferState.CHECKING, 0, 0, 1024)).substring(0, 18));
        assertEquals("metadata      0.0%  0 B/?  ", ProgressLine.text(status(TransferState.METADATA, 0, 0, 0)).substring(0, 27));
        assertEquals("seeding     100.0%", ProgressLine.text(status(TransferState.SEEDING, 1, 1024, 1024)).substring(0, 18));
        assertEquals("paused", ProgressLine.text(status(TransferState.PAUSED, 0.5, 512, 1024)).substring(0, 6));
        assertEquals("error", ProgressLine.text(status(TransferState.ERROR, 0.5, 512, 1024)).substring(0, 5));
    }

    @Test
    void oneSeedAndUnknownEta() {
        TransferStatus s = new TransferStatus(ID, "", TransferState.DOWNLOADING, 0.5, 512, 1024, 600, 0, 0, 0, -1, 1, 1, 0);
        assertEquals("downloading  50.0%  512 B/1.0 KiB  down 0 B/s  up 0 B/s  eta -  peers 1 (1 seed)  ratio 0.00",
                ProgressLine.text(s));
    }

    @Test
    void neverShowsHundredPercentBeforeTheEnd() {
        assertEquals("99.9%", ProgressLine.percent(0.99999));
        assertEquals("100.0%", ProgressLine.percent(1));
        assertEquals("0.0%", ProgressLine.percent(0.0009));
    }

    @Test
    void redrawsInPlaceOnATerminalOnly() {
        TransferStatus s = status(TransferState.SEEDING, 1, 1024, 1024);
        String text = ProgressLine.text(s);
        assertEquals("\r" + text + "\u001b[K", ProgressLine.render(s, true));
        assertEquals(text + "\n", ProgressLine.render(s, false));
    }

    @Test
    void statusChecksItsRanges() {
        assertThrows(IllegalArgumentException.class,
                () -> new TransferStatus(ID, "", TransferState.SEEDING, 1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new TransferStatus(ID, "", TransferState.SEEDING, Double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new TransferStatus(ID, "", TransferState.SEEDING, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new TransferStatus(ID, "", TransferState.SEEDING, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.POSITIVE_INFINITY));
    }
}
