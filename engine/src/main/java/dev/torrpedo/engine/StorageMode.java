package dev.torrpedo.engine;

/** Where a session keeps the torrents' data. */
public enum StorageMode {
    /** Files under each torrent's save path, with resume data: the normal mode. */
    FILES,
    /**
     * In memory only (one array per piece), with the same queues, hashing and back-pressure
     * as {@link #FILES}: for tests and benchmarks where the disk is irrelevant. Nothing
     * survives the session, except resume data.
     */
    MEMORY
}
