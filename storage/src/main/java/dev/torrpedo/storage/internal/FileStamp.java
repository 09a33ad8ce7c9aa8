package dev.torrpedo.storage.internal;

/**
 * A file's size and modification time, as resume data records them and as checked on load.
 *
 * @param size  bytes, or {@link #MISSING} when the file does not exist, or {@link #VOLATILE}
 *              for data that does not outlive the process (memory)
 * @param mtime modification time in milliseconds since the epoch (0 when missing)
 */
record FileStamp(long size, long mtime) {
    /** The file does not exist. */
    static final long MISSING = -1;
    /** Data in memory: never matches anything on load. */
    static final long VOLATILE = -2;

    static final FileStamp ABSENT = new FileStamp(MISSING, 0);

    /** @return whether a recorded stamp still describes the file now */
    boolean matches(FileStamp now) {
        return size != VOLATILE && now.size != VOLATILE && size == now.size && mtime == now.mtime;
    }
}
