package dev.torrpedo.storage;

import dev.torrpedo.metainfo.Torrent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link StorageFactory} needs to open one torrent's storage.
 *
 * @param torrent        the torrent; for v2 it should carry its piece layers
 *                       ({@code Torrent.hasPieceLayers()}), else v2 pieces verify with
 *                       {@link StorageError#NO_HASH}
 * @param savePath       the directory the torrent's files go under (their
 *                       {@code safePath()} resolved by {@code SafePaths.resolveUnder})
 * @param resumeFile     where this torrent's resume data lives, or {@code null} for none
 * @param filePriorities one per file of {@code torrent.files()}: 0 skips the file (never
 *                       created; the bytes of pieces it shares with wanted files are kept in
 *                       a part file), 1..7 wanted; empty means every file wanted
 */
public record StorageParams(Torrent torrent, Path savePath, Path resumeFile, int[] filePriorities) {

    /** Checks the arguments and copies the priorities. */
    public StorageParams {
        Objects.requireNonNull(torrent, "torrent");
        Objects.requireNonNull(savePath, "savePath");
        filePriorities = filePriorities == null ? new int[0] : filePriorities.clone();
        if (filePriorities.length != 0 && filePriorities.length != torrent.files().size()) {
            throw new IllegalArgumentException("filePriorities: " + filePriorities.length + " (expected: "
                    + torrent.files().size() + ", one per file, or none)");
        }
        for (int p : filePriorities) {
            if (p < 0 || p > 7) {
                throw new IllegalArgumentException("file priority: " + p + " (expected: 0..7)");
            }
        }
    }

    /** Every file wanted, no resume data. */
    public static StorageParams of(Torrent torrent, Path savePath) {
        return new StorageParams(torrent, savePath, null, null);
    }

    /** @return a copy with this resume file */
    public StorageParams withResumeFile(Path file) {
        return new StorageParams(torrent, savePath, file, filePriorities);
    }

    /** @return a copy with these file priorities */
    public StorageParams withFilePriorities(int... priorities) {
        return new StorageParams(torrent, savePath, resumeFile, priorities);
    }

    /** @return the resume file, if any */
    public Optional<Path> resumeFileOptional() {
        return Optional.ofNullable(resumeFile);
    }

    /** @return a copy of the priorities (empty: every file wanted) */
    @Override
    public int[] filePriorities() {
        return filePriorities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StorageParams p && torrent.equals(p.torrent) && savePath.equals(p.savePath)
                && Objects.equals(resumeFile, p.resumeFile) && Arrays.equals(filePriorities, p.filePriorities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(torrent, savePath, resumeFile, Arrays.hashCode(filePriorities));
    }

    @Override
    public String toString() {
        return "StorageParams[" + torrent.name() + ", " + savePath + ", resume=" + resumeFile + ", priorities="
                + Arrays.toString(filePriorities) + "]";
    }
}
