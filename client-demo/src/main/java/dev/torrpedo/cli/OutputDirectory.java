package dev.torrpedo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * Makes {@code dir} and its missing parents, so that a directory nothing can be written
     * into fails now rather than at the first piece.
     *
     * @return the directories it made, the deepest first (for {@link #remove})
     * @throws CliException ({@link ExitCode#RUNTIME}) if it cannot be made
     */
    static List<Path> create(Path dir, String flag) {
        List<Path> made = new ArrayList<>();
        for (Path p = dir.toAbsolutePath().normalize(); p != null && !Files.exists(p); p = p.getParent()) {
            made.add(p);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CliException.runtime("cannot create " + dir + " (" + flag + "): " + ErrorReporter.message(e), e);
        }
        return made;
    }

    /**
     * Removes what {@link #create} made, as long as it is still empty: a command that failed
     * before any work leaves nothing behind.
     */
    static void remove(List<Path> made) {
        for (Path p : made) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException notEmptyOrGone) {
                return;
            }
        }
    }
}
