package dev.torrpedo.metainfo;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a torrent, where it lies in the torrent's piece space, and its attributes.
 * Immutable.
 *
 * <p>Paths are lists of components relative to the download root, the torrent's name first
 * for a multi-file torrent ({@code [name, dir, file]}) and alone for a single-file one
 * ({@code [name]}). {@link #path()} is the path as the torrent spells it (UTF-8 decoded,
 * {@code path.utf-8} preferred); {@link #safePath()} is the same path after
 * {@link SafePaths#sanitizeComponent(String)} and after renaming duplicates, and is the one
 * to use on disk.
 *
 * <p>Pad files (BEP 47, attribute {@code p}) fill the gap between a file's end and the next
 * piece boundary. They are never written to disk; reading one yields zeros. For v2-only
 * torrents, which have no pad files, the parser adds them where libtorrent does (after every
 * non-empty file that does not end on a piece boundary, the last one included) so that every
 * torrent has one global piece space of files laid end to end.
 */
public final class TorrentFile {
    private final int index;
    private final List<String> path;
    private final List<String> safePath;
    private final long length;
    private final long offset;
    private final String attributes;
    private final boolean pad;
    private final byte[] piecesRoot;
    private final List<String> symlinkTarget;

    TorrentFile(int index, List<String> path, List<String> safePath, long length, long offset, String attributes,
            boolean pad, byte[] piecesRoot, List<String> symlinkTarget) {
        this.index = index;
        this.path = List.copyOf(path);
        this.safePath = List.copyOf(safePath);
        this.length = length;
        this.offset = offset;
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.pad = pad;
        this.piecesRoot = piecesRoot == null ? null : piecesRoot.clone();
        this.symlinkTarget = List.copyOf(symlinkTarget);
    }

    /** @return a copy of this file with another index, safe path and offset (for building a tree) */
    TorrentFile with(int newIndex, List<String> newSafePath, long newOffset, byte[] newRoot) {
        return new TorrentFile(newIndex, path, newSafePath, length, newOffset, attributes, pad, newRoot, symlinkTarget);
    }

    /** @return the position of this file in {@link Torrent#files()} */
    public int index() {
        return index;
    }

    /** @return the path components as the torrent spells them, torrent name first for multi-file torrents */
    public List<String> path() {
        return path;
    }

    /** @return the sanitised, de-duplicated path components to use on disk */
    public List<String> safePath() {
        return safePath;
    }

    /** @return the length in bytes (0 for symlinks) */
    public long length() {
        return length;
    }

    /** @return the offset of the file's first byte in the torrent's piece space */
    public long offset() {
        return offset;
    }

    /** @return {@code offset() + length()} */
    public long endOffset() {
        return offset + length;
    }

    /** @return whether this is a pad file: never stored, always zeros */
    public boolean isPad() {
        return pad;
    }

    /** @return the BEP 47 {@code attr} string as received ({@code ""} when absent), such as {@code "x"} or {@code "ph"} */
    public String attributes() {
        return attributes;
    }

    /** @return whether the BEP 47 attributes mark the file executable ({@code x}) */
    public boolean isExecutable() {
        return attributes.indexOf('x') >= 0;
    }

    /** @return whether the BEP 47 attributes mark the file hidden ({@code h}) */
    public boolean isHidden() {
        return attributes.indexOf('h') >= 0;
    }

    /** @return whether the file is a symlink (BEP 47 {@code l} with a {@code symlink path}) */
    public boolean isSymlink() {
        return !symlinkTarget.isEmpty();
    }

    /**
     * @return for a symlink, the sanitised components of its target, relative to the torrent's
     *         root directory; empty otherwise
     */
    public List<String> symlinkTarget() {
        return symlinkTarget;
    }

    /** @return a copy of the v2 merkle root of the file ({@code pieces root}), if it has one */
    public Optional<byte[]> piecesRoot() {
        return piecesRoot == null ? Optional.empty() : Optional.of(piecesRoot.clone());
    }

    byte[] rootOrNull() {
        return piecesRoot;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TorrentFile f && index == f.index && length == f.length && offset == f.offset
                && pad == f.pad && path.equals(f.path) && safePath.equals(f.safePath)
                && attributes.equals(f.attributes) && Arrays.equals(piecesRoot, f.piecesRoot)
                && symlinkTarget.equals(f.symlinkTarget);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, path, length, offset);
    }

    @Override
    public String toString() {
        return "TorrentFile[" + index + " " + String.join("/", safePath) + " length=" + length + " offset=" + offset
                + (pad ? " pad" : "") + (attributes.isEmpty() ? "" : " attr=" + attributes)
                + (piecesRoot == null ? "" : " root=" + HexFormat.of().formatHex(piecesRoot)) + "]";
    }
}
