package dev.torrpedo.engine;

import java.time.Duration;

/**
 * One torrent's own limits, under the session's ({@link Settings}): a torrent never exceeds
 * either. Zero (or {@code null}) means "no limit of its own".
 *
 * @param downloadRate   bytes/s received for this torrent, 0 = no own limit
 * @param uploadRate     bytes/s sent for this torrent, 0 = no own limit
 * @param maxConnections peer connections of this torrent, 0 = the session's {@link Settings#maxConnectionsPerTorrent()}
 * @param seedRatio      stop seeding at this ratio, 0 = the session's {@link Settings#seedRatioLimit()}
 * @param seedTime       stop seeding after this long, {@code null} = the session's {@link Settings#seedTimeLimit()}
 */
public record TorrentLimits(long downloadRate, long uploadRate, int maxConnections, double seedRatio, Duration seedTime) {
    /** No limits of the torrent's own. */
    public static final TorrentLimits NONE = new TorrentLimits(0, 0, 0, 0, null);

    /** Checks every value. */
    public TorrentLimits {
        if (downloadRate < 0 || downloadRate > Settings.MAX_RATE) {
            throw new IllegalArgumentException("downloadRate: " + downloadRate + " (expected: 0.." + Settings.MAX_RATE + ")");
        }
        if (uploadRate < 0 || uploadRate > Settings.MAX_RATE) {
            throw new IllegalArgumentException("uploadRate: " + uploadRate + " (expected: 0.." + Settings.MAX_RATE + ")");
        }
        if (maxConnections < 0) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 0)");
        }
        if (!(seedRatio >= 0) || Double.isInfinite(seedRatio)) {
            throw new IllegalArgumentException("seedRatio: " + seedRatio + " (expected: >= 0, finite)");
        }
        if (seedTime != null && (seedTime.isNegative() || seedTime.isZero())) {
            throw new IllegalArgumentException("seedTime: " + seedTime + " (expected: > 0, or null)");
        }
    }

    /** @return a copy with this download limit */
    public TorrentLimits withDownloadRate(long bytesPerSecond) {
        return new TorrentLimits(bytesPerSecond, uploadRate, maxConnections, seedRatio, seedTime);
    }

    /** @return a copy with this upload limit */
    public TorrentLimits withUploadRate(long bytesPerSecond) {
        return new TorrentLimits(downloadRate, bytesPerSecond, maxConnections, seedRatio, seedTime);
    }

    /** @return a copy with this connection limit */
    public TorrentLimits withMaxConnections(int n) {
        return new TorrentLimits(downloadRate, uploadRate, n, seedRatio, seedTime);
    }

    /** @return a copy with this seed ratio limit */
    public TorrentLimits withSeedRatio(double ratio) {
        return new TorrentLimits(downloadRate, uploadRate, maxConnections, ratio, seedTime);
    }

    /** @return a copy with this seed time limit ({@code null}: the session's) */
    public TorrentLimits withSeedTime(Duration d) {
        return new TorrentLimits(downloadRate, uploadRate, maxConnections, seedRatio, d);
    }
}
