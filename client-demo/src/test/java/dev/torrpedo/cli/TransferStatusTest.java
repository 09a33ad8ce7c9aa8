package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.TorrentStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine's snapshot and names, as the command line shows them. */
class TransferStatusTest {
    static TorrentStatus engine(TorrentState state, double progress, double ratio) {
        return new TorrentStatus(ProgressLineTest.ID, "payload", state, progress, 300, 200, 150, 170, 40, 12, 7, 3, 2, 5,
                ratio, null, Path.of("/d"), Instant.EPOCH, null, 4, 10, false, 9);
    }

    @Test
    void everyFieldComesFromTheEnginesSnapshot() {
        TransferStatus s = TransferStatus.of(engine(TorrentState.DOWNLOADING, 0.75, 0.25));
        assertEquals(new TransferStatus(ProgressLineTest.ID, "payload", TransferState.DOWNLOADING, 0.75, 150, 200, 170, 40,
                12, 7, 5, 3, 2, 0.25), s);
    }

    @Test
    void valuesOutOfRangeAreClampedRatherThanFailing() {
        TransferStatus s = TransferStatus.of(engine(TorrentState.SEEDING, 1.0000001, Double.POSITIVE_INFINITY));
        assertEquals(1.0, s.progress());
        assertEquals(0.0, s.ratio());
    }

    @Test
    void aMagnetLinkWithoutItsMetadataIsFetchingItNotChecking() {
        assertEquals(TransferState.METADATA, TransferStatus.of(engine(TorrentState.CHECKING, 0, 0), false).state());
        assertEquals(TransferState.CHECKING, TransferStatus.of(engine(TorrentState.CHECKING, 0, 0), true).state());
        assertEquals(TransferState.PAUSED, TransferStatus.of(engine(TorrentState.PAUSED, 0, 0), false).state());
        assertEquals("metadata      0.0%  0 B/?  down 12 B/s  up 7 B/s  eta 5s  peers 3 (2 seeds)  ratio 0.00",
                ProgressLine.text(new TransferStatus(ProgressLineTest.ID, "x", TransferState.METADATA, 0, 0, 0, 0, 0, 12,
                        7, 5, 3, 2, 0)));
    }

    @ParameterizedTest
    @EnumSource(TorrentState.class)
    void everyEngineStateHasAName(TorrentState state) {
        TransferState s = TransferState.of(state);
        assertNotNull(s);
        String expected = state == TorrentState.FETCHING_METADATA ? "metadata" : state.name().toLowerCase(Locale.ROOT);
        assertEquals(expected, s.label());
    }

    @ParameterizedTest
    @EnumSource(Encryption.class)
    void everyEncryptionFlagHasItsEnginePolicy(Encryption e) {
        dev.torrpedo.engine.Encryption expected = e == Encryption.PLAIN ? dev.torrpedo.engine.Encryption.PLAINTEXT
                : dev.torrpedo.engine.Encryption.valueOf(e.name());
        assertEquals(expected, e.engine());
    }
}
