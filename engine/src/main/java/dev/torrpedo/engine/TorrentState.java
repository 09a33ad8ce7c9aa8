package dev.torrpedo.engine;

/** What a torrent is doing. */
public enum TorrentState {
    /** Checking the data on disk against the hashes (on add, or after {@link TorrentHandle#recheck()}). */
    CHECKING,
    /** Fetching the info dictionary from peers (a magnet link). */
    FETCHING_METADATA,
    /** Downloading the pieces it wants. */
    DOWNLOADING,
    /** It has every piece it wants, and uploads to others. */
    SEEDING,
    /** Paused by the user: no connections, no announces. */
    PAUSED,
    /** Stopped by an error (see {@link TorrentStatus#error()}); {@link TorrentHandle#resume()} retries. */
    ERROR
}
