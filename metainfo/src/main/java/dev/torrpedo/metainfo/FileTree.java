package dev.torrpedo.metainfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A torrent's files laid end to end in one piece space, and the mapping between pieces and
 * files. Immutable and thread-safe.
 *
 * <pre>
 *  piece:   |    0    |    1    |    2    |    3    |  3 (short)
 *  files:   | a.bin        | pad  | b.bin          |c|
 *           0              ^ offset of the pad file, which ends on a piece boundary
 * </pre>
 *
 * <p>For v1 torrents the space is the files in the order of the {@code files} list, pad
 * files included. Hybrid torrents use the same (their v1 list must agree with the v2 tree).
 * For v2-only torrents every non-empty file starts on a piece boundary: the parser inserts a
 * pad file after each non-empty file that does not end on one (the last file too), exactly
 * as libtorrent does, so piece {@code n} always covers bytes
 * {@code [n * pieceLength, (n + 1) * pieceLength)} of this space, and only the torrent's
 * last piece may be short.
 */
public final class FileTree {
    private final List<TorrentFile> files;
    private final int pieceLength;
    private final long totalSize;
    private final int pieceCount;
    /** Offsets of the non-empty files, ascending; {@link #nonEmpty} holds their indices. */
    private final long[] starts;
    private final int[] nonEmpty;

    FileTree(List<TorrentFile> files, int pieceLength) {
        this.files = List.copyOf(files);
        this.pieceLength = pieceLength;
        long total = 0;
        int n = 0;
        for (TorrentFile f : this.files) {
            if (f.offset() != total) {
                throw new IllegalArgumentException("file " + f.index() + " at offset " + f.offset() + " (expected: " + total + ")");
            }
            total = Math.addExact(total, f.length());
            if (f.length() > 0) {
                n++;
            }
        }
        this.totalSize = total;
        this.pieceCount = Math.toIntExact((total + pieceLength - 1) / pieceLength);
        this.starts = new long[n];
        this.nonEmpty = new int[n];
        int k = 0;
        for (TorrentFile f : this.files) {
            if (f.length() > 0) {
                starts[k] = f.offset();
                nonEmpty[k++] = f.index();
            }
        }
    }

    /** @return the files in piece-space order, pad files included */
    public List<TorrentFile> files() {
        return files;
    }

    /** @return the nominal piece length in bytes */
    public int pieceLength() {
        return pieceLength;
    }

    /** @return the number of pieces */
    public int pieceCount() {
        return pieceCount;
    }

    /** @return the size of the piece space in bytes: every file, pad files included */
    public long totalSize() {
        return totalSize;
    }

    /**
     * @return the size of {@code piece}: {@link #pieceLength()}, except for a short last piece
     * @throws IndexOutOfBoundsException if there is no such piece
     */
    public int pieceSize(int piece) {
        checkPiece(piece);
        if (piece < pieceCount - 1) {
            return pieceLength;
        }
        return (int) (totalSize - (long) piece * pieceLength);
    }

    /** @return the offset of the first byte of {@code piece} in the piece space */
    public long pieceOffset(int piece) {
        checkPiece(piece);
        return (long) piece * pieceLength;
    }

    /**
     * @return the index of the non-empty file that holds byte {@code offset} of the piece space
     * @throws IndexOutOfBoundsException if {@code offset} is outside {@code [0, totalSize())}
     */
    public int fileIndexAt(long offset) {
        if (offset < 0 || offset >= totalSize) {
            throw new IndexOutOfBoundsException("offset: " + offset + " (expected: [0, " + totalSize + "))");
        }
        int k = Arrays.binarySearch(starts, offset);
        if (k < 0) {
            k = -k - 2; // the last file starting before offset
        }
        return nonEmpty[k];
    }

    /**
     * Maps {@code length} bytes at {@code offset} inside {@code piece} to file slices, in
     * order, covering every byte: pad files are reported with {@link FileSlice#pad()} set.
     * Empty files hold no bytes and never appear.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the piece
     */
    public List<FileSlice> slices(int piece, int offset, int length) {
        int size = pieceSize(piece);
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", +" + length + ") of piece " + piece
                    + " (expected: inside [0, " + size + "))");
        }
        return slices((long) piece * pieceLength + offset, length);
    }

    /**
     * Maps {@code length} bytes at {@code offset} of the piece space to file slices, as
     * {@link #slices(int, int, int)} does.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code [0, totalSize())}
     */
    public List<FileSlice> slices(long offset, long length) {
        if (offset < 0 || length < 0 || offset > totalSize - length) {
            throw new IndexOutOfBoundsException("range [" + offset + ", +" + length + ") (expected: inside [0, "
                    + totalSize + "))");
        }
        List<FileSlice> out = new ArrayList<>(2);
        if (length == 0) {
            return out;
        }
        int k = Arrays.binarySearch(starts, offset);
        if (k < 0) {
            k = -k - 2;
        }
        long pos = offset;
        long left = length;
        while (left > 0) {
            TorrentFile f = files.get(nonEmpty[k++]);
            long inFile = pos - f.offset();
            long n = Math.min(left, f.length() - inFile);
            out.add(new FileSlice(f.index(), inFile, n, f.isPad()));
            pos += n;
            left -= n;
        }
        return out;
    }

    /** @return the pieces that file {@code fileIndex} touches (empty for an empty file) */
    public PieceRange pieceRange(int fileIndex) {
        TorrentFile f = files.get(fileIndex);
        int first = (int) (f.offset() / pieceLength);
        if (f.length() == 0) {
            return new PieceRange(first, first);
        }
        return new PieceRange(first, (int) ((f.endOffset() + pieceLength - 1) / pieceLength));
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IndexOutOfBoundsException("piece: " + piece + " (expected: [0, " + pieceCount + "))");
        }
    }
}
