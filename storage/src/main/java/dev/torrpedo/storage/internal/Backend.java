package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a torrent's bytes live, addressed in its piece space: files on disk or arrays in
 * memory. Writes, priority changes, moves and deletes come from the torrent's job queue
 * (one thread at a time); reads may also come from hashing threads at the same time, for
 * other pieces.
 */
interface Backend {

    /** How a read treats bytes that are not on disk. */
    enum ReadMode {
        /** For uploads: a missing file is {@code FILE_MISSING}, a short one {@code FILE_TRUNCATED}. */
        STRICT,
        /** For hashing a written piece: a missing file is {@code FILE_MISSING}; bytes past a file's end read as zeros. */
        VERIFY,
        /** For checking what exists: whatever is not there reads as zeros. */
        CHECK
    }

    /** Writes the buffer's remaining bytes at {@code offset} of {@code piece} (pad bytes skipped). Position unchanged. */
    void write(int piece, int offset, ByteBuffer data) throws StorageException;

    /** Fills {@code dst}'s remaining bytes from {@code offset} of {@code piece}; pad bytes read as zeros. */
    void read(int piece, int offset, ByteBuffer dst, ReadMode mode) throws StorageException;

    /**
     * @return the piece's bytes without copying, read-only, if this backend holds them in
     *         memory (whole piece, pad bytes zero); {@code null} otherwise (then use {@link #read})
     */
    default ByteBuffer view(int piece) {
        return null;
    }

    /** @return whether any byte of the piece may be stored (a file it touches exists and reaches into it) */
    boolean hasData(int piece);

    /**
     * @return {@link #hasData} for a check: each file looked at once, the first time a piece
     *         needs it, and remembered for the view's life (the check of a fresh download asked
     *         the file system about the same missing file for every piece, each answer a thrown
     *         and caught exception). Safe for the checker's threads to share.
     */
    default java.util.function.IntPredicate dataPresence() {
        return this::hasData;
    }

    /** Forces every byte written since the last force to the device. */
    void force() throws StorageException;

    /**
     * Forces what was written to the files open now, recording nothing (no dirty state is
     * cleared): safe on any thread, beside the job queue. Failures are left for the next
     * {@link #force()} to report.
     */
    default void flushBehind() {
    }

    /** After a check found data from before: the next {@link #force()} forces every existing file. */
    void markAllDirty();

    /** @return per torrent file, then the part file: size and modification time now */
    List<FileStamp> stamps() throws StorageException;

    /** Applies new file priorities (one per file; 0 = skipped). */
    void setPriorities(int[] priorities) throws StorageException;

    /** @return where the files are */
    Path root();

    /** Moves everything under {@code newRoot}. */
    void move(Path newRoot) throws StorageException;

    /** Deletes everything stored. */
    void delete() throws StorageException;

    /** Releases handles; the backend is not used afterwards. */
    void close() throws StorageException;
}
