package dev.torrpedo.storage;

/** What went wrong in a {@link StorageException}. */
public enum StorageError {
    /** The device is full (ENOSPC) or a quota was hit. Nothing partial was recorded as verified. */
    DISK_FULL,
    /** The file or its directory may not be read or written (EACCES, EPERM, a read-only file system). */
    PERMISSION_DENIED,
    /** A file holding verified data is gone: deleted under us. The pieces it held are no longer verified. */
    FILE_MISSING,
    /** A file holding verified data is shorter than it was: truncated under us. */
    FILE_TRUNCATED,
    /** A path would leave the save path, or a component on disk is a symlink or not a directory/regular file. */
    UNSAFE_PATH,
    /** The piece's hash is not known (a v2 torrent without its piece layers). */
    NO_HASH,
    /** The piece may not be read: it is not verified, so serving it could spread garbage. */
    NOT_VERIFIED,
    /** The storage (or its pool) was closed before the job ran. */
    CLOSED,
    /** Resume data could not be written, for a reason other than a full disk or a permission. */
    RESUME_DATA,
    /** Any other I/O error; the cause says which. */
    IO
}
