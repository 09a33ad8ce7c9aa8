package dev.torrpedo.cli;

import dev.torrpedo.engine.TorrentStatus;
import java.util.Objects;

/**
 * One moment of a download or seed, as the progress line and the {@code --json} status line
 * show it. Made from the engine's status snapshot; all sizes in bytes, rates in bytes/s.
 *
 * @param id              the torrent id (info hash in hex)
 * @param name            the torrent name ({@code ""} while a magnet's metadata is unknown)
 * @param state           what it is doing
 * @param progress        0 to 1, of the wanted data
 * @param completedBytes  verified bytes of the wanted data
 * @param totalBytes      wanted bytes (0 while unknown)
 * @param downloadedBytes payload bytes received by this run (duplicates and pieces that failed their
 *                        check included; data found on disk or accepted from resume data is not)
 * @param uploadedBytes   payload bytes sent by this run
 * @param downloadRate    bytes/s received
 * @param uploadRate      bytes/s sent
 * @param etaSeconds      seconds to completion, -1 when unknown
 * @param peers           connected peers, seeds included
 * @param seeds           connected peers that have everything
 * @param ratio           uploaded over downloaded (over the total size when nothing was downloaded)
 */
public record TransferStatus(String id, String name, TransferState state, double progress, long completedBytes,
        long totalBytes, long downloadedBytes, long uploadedBytes, long downloadRate, long uploadRate, long etaSeconds,
        int peers, int seeds, double ratio) {

    /** Checks the ranges. */
    public TransferStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        if (!(progress >= 0 && progress <= 1)) {
            throw new IllegalArgumentException("progress: " + progress + " (expected: 0 to 1)");
        }
        if (completedBytes < 0 || totalBytes < 0 || downloadedBytes < 0 || uploadedBytes < 0 || downloadRate < 0
                || uploadRate < 0 || peers < 0 || seeds < 0) {
            throw new IllegalArgumentException("negative count in " + state + " status");
        }
        if (!(ratio >= 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("ratio: " + ratio + " (expected: finite, >= 0)");
        }
    }

    /** @return the engine's snapshot {@code s} as the command line shows it */
    public static TransferStatus of(TorrentStatus s) {
        return of(s, true);
    }

    /**
     * @param metadataKnown whether the torrent's metadata is known: until it is (a magnet link),
     *                      a torrent the engine reports as checking is shown fetching it, since
     *                      there is nothing to check yet (the engine says checking for a moment
     *                      after adding a magnet link)
     * @return the engine's snapshot {@code s} as the command line shows it
     */
    public static TransferStatus of(TorrentStatus s, boolean metadataKnown) {
        TransferState state = TransferState.of(s.state());
        if (!metadataKnown && state == TransferState.CHECKING) {
            state = TransferState.METADATA;
        }
        return new TransferStatus(s.id(), s.name(), state, Math.max(0, Math.min(1, s.progress())),
                s.completedBytes(), s.wantedSize(), s.downloadedBytes(), s.uploadedBytes(), s.downloadRate(),
                s.uploadRate(), s.etaSeconds(), s.peers(), s.seeds(), Double.isFinite(s.ratio()) ? s.ratio() : 0);
    }
}
