package dev.torrpedo.engine.internal.picker;

/**
 * Piece priorities from file priorities: a piece gets the highest priority of the files it
 * overlaps, so a piece shared by a skipped file and a wanted one is still downloaded. Empty
 * files overlap nothing.
 */
public final class PiecePriorities {
    private PiecePriorities() {
    }

    /**
     * @param geometry        the torrent's pieces
     * @param fileLengths     the files' lengths in torrent order (pad files included)
     * @param filePriorities  each file's priority, 0 (skip) to 7
     * @return one priority per piece
     */
    public static int[] fromFiles(PieceGeometry geometry, long[] fileLengths, int[] filePriorities) {
        if (fileLengths.length != filePriorities.length) {
            throw new IllegalArgumentException("filePriorities: " + filePriorities.length + " (expected: "
                    + fileLengths.length + ")");
        }
        int[] prio = new int[geometry.pieceCount()];
        long offset = 0;
        long pieceLength = geometry.pieceLength();
        for (int f = 0; f < fileLengths.length; f++) {
            long len = fileLengths[f];
            int fp = filePriorities[f];
            if (len < 0) {
                throw new IllegalArgumentException("fileLengths[" + f + "]: " + len + " (expected: >= 0)");
            }
            if (fp < 0 || fp > PiecePicker.MAX_PRIORITY) {
                throw new IllegalArgumentException("filePriorities[" + f + "]: " + fp + " (expected: 0..7)");
            }
            if (len > 0) {
                int first = (int) (offset / pieceLength);
                int last = (int) ((offset + len - 1) / pieceLength);
                for (int p = first; p <= last && p < prio.length; p++) {
                    prio[p] = Math.max(prio[p], fp);
                }
            }
            offset += len;
        }
        if (offset != geometry.totalLength()) {
            throw new IllegalArgumentException("fileLengths sum to " + offset + " (expected: " + geometry.totalLength() + ")");
        }
        return prio;
    }
}
