package dev.torrpedo.metainfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The files a new torrent is made of, in BEP 52 tree order (component by component, by
 * UTF-8 bytes, which is also the order of the v1 list), and where each lies in the piece
 * space of the chosen version.
 */
final class CreatorLayout {

    /**
     * One file to hash.
     *
     * @param path     components relative to the torrent's root directory ({@code [name]} for a single file)
     * @param file     the file on disk
     * @param length   its length when listed
     * @param offset   its offset in the piece space
     * @param padAfter the pad bytes after it in the v1 list (hybrid only)
     */
    record Entry(List<String> path, Path file, long length, long offset, long padAfter) {
    }

    final boolean singleFile;
    final List<Entry> entries;
    final long payload;
    final long spaceSize;
    final int pieceLength;

    private CreatorLayout(boolean singleFile, List<Entry> entries, long payload, long spaceSize, int pieceLength) {
        this.singleFile = singleFile;
        this.entries = entries;
        this.payload = payload;
        this.spaceSize = spaceSize;
        this.pieceLength = pieceLength;
    }

    /** Lists {@code source} (a regular file, or a directory walked without following links). */
    static List<Entry> list(Path source, String name) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            out.add(new Entry(List.of(name), source, Files.size(source), 0, 0));
            return out;
        }
        if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(source + " is neither a regular file nor a directory");
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    List<String> rel = new ArrayList<>();
                    for (Path p : source.relativize(file)) {
                        rel.add(p.toString());
                    }
                    out.add(new Entry(List.copyOf(rel), file, attrs.size(), 0, 0));
                }
                return FileVisitResult.CONTINUE; // symlinks and special files are left out
            }
        });
        out.sort(Comparator.comparing(Entry::path, CreatorLayout::compareComponents));
        if (out.isEmpty()) {
            throw new IOException("no files under " + source);
        }
        return out;
    }

    /** Places the files for {@code version}; hybrids get a pad file after each unaligned file but the last. */
    static CreatorLayout place(boolean singleFile, List<Entry> listed, TorrentVersion version, int pieceLength) {
        List<Entry> out = new ArrayList<>(listed.size());
        long offset = 0;
        long payload = 0;
        for (int i = 0; i < listed.size(); i++) {
            Entry e = listed.get(i);
            long pad = 0;
            boolean last = i == listed.size() - 1;
            if (version.hasV2() && e.length() > 0 && (offset + e.length()) % pieceLength != 0
                    && (version == TorrentVersion.V2 || !last)) {
                pad = pieceLength - (offset + e.length()) % pieceLength;
            }
            out.add(new Entry(e.path(), e.file(), e.length(), offset, version == TorrentVersion.HYBRID ? pad : 0));
            offset = Math.addExact(Math.addExact(offset, e.length()), pad);
            payload += e.length();
        }
        return new CreatorLayout(singleFile, List.copyOf(out), payload, offset, pieceLength);
    }

    /** @return the number of pieces of the whole piece space */
    long pieceCount() {
        return (spaceSize + pieceLength - 1) / pieceLength;
    }

    private static int compareComponents(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Arrays.compareUnsigned(a.get(i).getBytes(StandardCharsets.UTF_8),
                    b.get(i).getBytes(StandardCharsets.UTF_8));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
