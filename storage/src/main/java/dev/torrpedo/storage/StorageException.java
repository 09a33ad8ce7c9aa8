package dev.torrpedo.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A storage operation failed. Names the error kind and, where one is involved, the file
 * (its index in {@code Torrent.files()} and its path on disk).
 *
 * <p>Handed to handlers and used to complete futures exceptionally; never thrown across an
 * event loop.
 */
public final class StorageException extends IOException {
    private static final long serialVersionUID = 1L;

    private final StorageError error;
    private final int fileIndex;
    private final transient Path file;

    /**
     * @param error     what went wrong
     * @param fileIndex the file's index in the torrent, or -1 when no torrent file is involved
     * @param file      the path on disk, or {@code null}
     * @param message   what was being done
     * @param cause     the underlying exception, or {@code null}
     */
    public StorageException(StorageError error, int fileIndex, Path file, String message, Throwable cause) {
        super(error + (file == null ? "" : " [" + file + "]") + ": " + message, cause);
        this.error = Objects.requireNonNull(error, "error");
        this.fileIndex = fileIndex;
        this.file = file;
    }

    /** An error that involves no particular file. */
    public StorageException(StorageError error, String message) {
        this(error, -1, null, message, null);
    }

    /** @return what went wrong */
    public StorageError error() {
        return error;
    }

    /** @return the index of the torrent file involved, or -1 */
    public int fileIndex() {
        return fileIndex;
    }

    /** @return the path on disk involved (a torrent file, the part file, the resume file), if any */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
