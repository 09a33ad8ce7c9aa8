package dev.torrpedo.engine;

import java.time.Instant;

/**
 * A snapshot of one tracker of a torrent ({@link TorrentHandle#trackers()}).
 *
 * @param url          the announce URL
 * @param tier         its tier (0 first)
 * @param state        how it is doing
 * @param message      its last error or warning, or {@code null}
 * @param seeders      seeders it last reported, -1 if unknown
 * @param leechers     leechers it last reported, -1 if unknown
 * @param lastAnnounce when it last answered, or {@code null}
 * @param nextAnnounce when the torrent announces next, or {@code null} when it will not (paused, stopped)
 */
public record TrackerStatus(String url, int tier, TrackerState state, String message, int seeders, int leechers,
                            Instant lastAnnounce, Instant nextAnnounce) {
}
