package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.storage.Storage;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves the torrent's resume data: when asked, on pause and completion, and every
 * {@code resumeSaveInterval} while something was downloaded since the last save.
 *
 * <p>Not thread-safe: the torrent's control loop owns it; the save itself runs where the
 * storage runs it.
 */
final class ResumeSaver {
    private static final Logger LOG = LoggerFactory.getLogger(ResumeSaver.class);

    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final TransferCounters counters;
    /**
     * When the last save was, or when this torrent was added: the first timed save comes one
     * interval after the start. (Counting from 0 made it come at the first tick that had
     * downloaded anything, forcing the first second's data to disk in the middle of a
     * transfer: 170 ms of a 1 GiB download stalled behind an fdatasync.)
     */
    private long lastSave;
    /**
     * What {@link TransferCounters#downloaded()} was at the last save. It counts from 0 in
     * each session, so a torrent that downloads nothing is never saved on the timer (a
     * session of 1,000 idle torrents wrote 1,000 unchanged resume files a minute after start).
     */
    private long savedDownloaded;

    ResumeSaver(TorrentImpl torrent, SessionImpl session, TransferCounters counters) {
        this.torrent = torrent;
        this.session = session;
        this.counters = counters;
        this.lastSave = session.clock().nanos();
    }

    /** Saves if the interval passed and something was downloaded since the last save. */
    void saveIfDue(long now) {
        long d = counters.downloaded();
        if (d != savedDownloaded && now - lastSave >= session.current().resumeSaveInterval().toNanos()) {
            save();
        }
    }

    /** @return completes when saved (a failure is logged, not passed on) */
    CompletableFuture<Void> save() {
        Storage storage = torrent.storage();
        if (storage == null) {
            return CompletableFuture.completedFuture(null);
        }
        lastSave = session.clock().nanos();
        savedDownloaded = counters.downloaded();
        return storage.saveResumeData(torrent.loop()).exceptionally(e -> {
            LOG.warn("{}: saving resume data failed", torrent.id(), e);
            return null;
        });
    }
}
