package dev.torrpedo.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Replaces a small file so that a crash at any moment leaves either the old or the new
 * contents, never a mix: write a temporary file beside it, force it, rename it over the
 * old one atomically, force the directory so the rename itself is durable.
 */
final class AtomicFiles {
    /**
     * Called with the temporary file after it was forced and before the rename; the crash
     * test uses it to be killed exactly there. {@code null} in production.
     */
    static volatile Consumer<Path> beforeRename;

    private AtomicFiles() {
    }

    static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = temporary(file);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Consumer<Path> hook = beforeRename;
        if (hook != null) {
            hook.accept(tmp);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
    }

    /** Makes a directory's entries (a rename, a new file) durable. Not possible everywhere; a no-op where not. */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows cannot open a directory as a channel: its renames are durable on their own
        }
    }
}
