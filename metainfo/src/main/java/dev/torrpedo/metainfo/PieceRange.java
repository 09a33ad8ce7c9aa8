package dev.torrpedo.metainfo;

/**
 * The pieces {@code [first, end)} that a file touches. An empty file touches none: its range
 * is empty and starts at the piece holding its offset.
 *
 * @param first the first piece
 * @param end   one past the last piece
 */
public record PieceRange(int first, int end) {

    /** Checks {@code 0 <= first <= end}. */
    public PieceRange {
        if (first < 0 || end < first) {
            throw new IllegalArgumentException("piece range: [" + first + ", " + end + ")");
        }
    }

    /** @return the number of pieces */
    public int count() {
        return end - first;
    }

    /** @return whether the range holds no piece */
    public boolean isEmpty() {
        return end == first;
    }

    /** @return whether {@code piece} is in the range */
    public boolean contains(int piece) {
        return piece >= first && piece < end;
    }
}
