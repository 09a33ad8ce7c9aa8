package dev.torrpedo.cli;

import dev.torrpedo.engine.TorrentState;
import java.util.Locale;

/** What a torrent is doing, as the progress line and {@code --json} name it. */
public enum TransferState {
    /** Hashing the data already on disk. */
    CHECKING,
    /** Fetching the info dictionary from peers (a magnet link). */
    METADATA,
    /** Downloading. */
    DOWNLOADING,
    /** Complete, uploading to others. */
    SEEDING,
    /** Paused. */
    PAUSED,
    /** Stopped by an error. */
    ERROR;

    /** @return the lower-case word shown to the user and written in JSON */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the engine's state {@code s} under the name the command line shows */
    public static TransferState of(TorrentState s) {
        switch (s) {
            case CHECKING:
                return CHECKING;
            case FETCHING_METADATA:
                return METADATA;
            case DOWNLOADING:
                return DOWNLOADING;
            case SEEDING:
                return SEEDING;
            case PAUSED:
                return PAUSED;
            case ERROR:
                return ERROR;
            default:
                throw new AssertionError(s);
        }
    }
}
