package dev.torrpedo.engine.internal.picker;

/**
 * Pieces and 16 KiB blocks of one torrent: every piece is {@code pieceLength} long but the
 * last, which holds the remainder; every block is {@link #BLOCK_SIZE} long but the last of
 * each piece. Immutable.
 *
 * @param totalLength the torrent's payload length in bytes
 * @param pieceLength the nominal piece length in bytes
 */
public record PieceGeometry(long totalLength, int pieceLength) {
    /** The block size every client requests: 16 KiB. */
    public static final int BLOCK_SIZE = 16 * 1024;
    /** The most pieces a torrent may have (libtorrent's limit). */
    public static final int MAX_PIECES = 2_097_152;
    /** The longest piece: 512 MiB. */
    public static final int MAX_PIECE_LENGTH = 512 * 1024 * 1024;

    /** Checks the lengths against the limits. */
    public PieceGeometry {
        if (pieceLength <= 0 || pieceLength > MAX_PIECE_LENGTH) {
            throw new IllegalArgumentException("pieceLength: " + pieceLength + " (expected: 1.." + MAX_PIECE_LENGTH + ")");
        }
        if (totalLength <= 0) {
            throw new IllegalArgumentException("totalLength: " + totalLength + " (expected: > 0)");
        }
        long pieces = (totalLength + pieceLength - 1) / pieceLength;
        if (pieces > MAX_PIECES) {
            throw new IllegalArgumentException("pieces: " + pieces + " (expected: <= " + MAX_PIECES + ")");
        }
    }

    /** @return the number of pieces */
    public int pieceCount() {
        return (int) ((totalLength + pieceLength - 1) / pieceLength);
    }

    /** @return the length of piece {@code piece} in bytes */
    public int pieceLength(int piece) {
        checkPiece(piece);
        long start = (long) piece * pieceLength;
        return (int) Math.min(pieceLength, totalLength - start);
    }

    /** @return the number of blocks in piece {@code piece} */
    public int blockCount(int piece) {
        return (pieceLength(piece) + BLOCK_SIZE - 1) / BLOCK_SIZE;
    }

    /** @return the byte offset of block {@code block} within its piece */
    public int blockOffset(int block) {
        return block * BLOCK_SIZE;
    }

    /** @return the length of block {@code block} of piece {@code piece} in bytes */
    public int blockLength(int piece, int block) {
        int len = pieceLength(piece);
        int offset = blockOffset(block);
        if (block < 0 || offset >= len) {
            throw new IndexOutOfBoundsException("block " + block + " of piece " + piece + " (" + len + " bytes)");
        }
        return Math.min(BLOCK_SIZE, len - offset);
    }

    /**
     * The block a REQUEST, PIECE, CANCEL or REJECT names, if it names exactly one of our
     * blocks.
     *
     * @return its {@link BlockAddress}, or -1 if the piece is out of range, the offset is not
     *         at a block boundary, or the length is not that block's length
     */
    public long blockAddress(int piece, int begin, int length) {
        if (piece < 0 || piece >= pieceCount() || begin < 0 || begin % BLOCK_SIZE != 0) {
            return -1;
        }
        int len = pieceLength(piece);
        if (begin >= len || length != Math.min(BLOCK_SIZE, len - begin)) {
            return -1;
        }
        return BlockAddress.of(piece, begin / BLOCK_SIZE);
    }

    /** @return the total number of blocks in the torrent */
    public long totalBlocks() {
        int n = pieceCount();
        return (long) (n - 1) * blockCount(0) + blockCount(n - 1);
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount()) {
            throw new IndexOutOfBoundsException("piece " + piece + " (pieces: " + pieceCount() + ")");
        }
    }
}
