package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns the JDK's I/O exceptions into typed {@link StorageException}s. The JDK reports
 * ENOSPC, EROFS and ELOOP only in the message (from {@code strerror}), so those are
 * recognised by it.
 */
final class Errors {
    private Errors() {
    }

    static StorageException of(IOException e, int fileIndex, Path file, String doing) {
        if (e instanceof StorageException) {
            return (StorageException) e;
        }
        return new StorageException(kind(e), fileIndex, file, doing + ": " + e, e);
    }

    static StorageError kind(IOException e) {
        if (e instanceof NoSuchFileException) {
            return StorageError.FILE_MISSING;
        }
        if (e instanceof AccessDeniedException) {
            return StorageError.PERMISSION_DENIED;
        }
        String m = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        if (m == null) {
            return StorageError.IO;
        }
        m = m.toLowerCase(Locale.ROOT);
        if (m.contains("no space left") || m.contains("disk quota") || m.contains("not enough space")
                || m.contains("file too large")) {
            return StorageError.DISK_FULL;
        }
        if (m.contains("read-only file system") || m.contains("permission denied")
                || m.contains("operation not permitted") || m.contains("access is denied")) {
            return StorageError.PERMISSION_DENIED;
        }
        if (m.contains("too many levels of symbolic links") || m.contains("not a directory")) {
            return StorageError.UNSAFE_PATH;
        }
        return StorageError.IO;
    }
}
