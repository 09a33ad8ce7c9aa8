package dev.torrpedo.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that a directory the command will write into can be made and written, before any work. */
final class OutputDirectory {
    private OutputDirectory() {
    }

    /**
     * Checks {@code dir}, or the nearest ancestor that exists when it does not yet, without
     * creating anything.
     *
     * @param dir  the directory
     * @param flag the option that named it, for the message ({@code -o})
     * @return {@code dir}, absolute and normalised
     * @throws CliException ({@link ExitCode#RUNTIME}) if it is a file, lies under a file, or
     *                      cannot be written
     */
    static Path check(Path dir, String flag) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw CliException.runtime("cannot use " + dir + " (" + flag + "): no part of it exists", null);
        }
        if (!Files.isDirectory(existing)) {
            throw CliException.runtime("cannot use " + dir + " (" + flag + "): " + existing + " is not a directory", null);
        }
        if (!Files.isWritable(existing)) {
            throw CliException.runtime("cannot write to " + dir + " (" + flag + "): " + existing + " is not writable", null);
        }
        return abs;
    }
}
