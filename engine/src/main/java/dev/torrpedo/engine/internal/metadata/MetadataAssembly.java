package dev.torrpedo.engine.internal.metadata;

import java.util.Arrays;

/**
 * One attempt at putting a torrent's info dictionary together from {@code ut_metadata}
 * pieces (BEP 9): 16 KiB pieces, the last one shorter, of a size a peer announced. It knows
 * which pieces are missing, which are requested (from whom, since when) and who sent each
 * one, so that a dictionary that fails its hash can be blamed on the right peers.
 *
 * <p>Pure and not thread-safe: the torrent's control loop owns it. Sources are the callers'
 * connection ids; time is the caller's {@code long} nanoseconds.
 */
final class MetadataAssembly {
    /** The size of a metadata piece. */
    static final int PIECE = 16 * 1024;
    /** No source. */
    static final long NONE = Long.MIN_VALUE;

    /** What {@link #received} did with a piece. */
    enum Outcome {
        /** Stored; more pieces are missing. */
        STORED,
        /** Stored, and it was the last missing piece: {@link #bytes()} is ready to verify. */
        COMPLETE,
        /** Not asked of this source (or already received): ignored, nobody is to blame. */
        UNSOLICITED,
        /** Its length is not the piece's length: dropped, and the source is to blame. */
        WRONG_LENGTH
    }

    private final int size;
    private final int pieces;
    private final byte[] data;
    private final long[] requestedFrom;
    private final long[] requestedAt;
    private final long[] sentBy;
    private int missing;

    /**
     * @param size    the info dictionary's size, in bytes
     * @param maxSize the largest size accepted
     * @throws IllegalArgumentException if {@code size} is not in {@code 1..maxSize}
     */
    MetadataAssembly(int size, int maxSize) {
        if (size <= 0 || size > maxSize) {
            throw new IllegalArgumentException("metadata size: " + size + " (expected: 1.." + maxSize + ")");
        }
        this.size = size;
        this.pieces = pieceCount(size);
        this.data = new byte[size];
        this.requestedFrom = new long[pieces];
        this.requestedAt = new long[pieces];
        this.sentBy = new long[pieces];
        Arrays.fill(requestedFrom, NONE);
        Arrays.fill(sentBy, NONE);
        this.missing = pieces;
    }

    /** @return how many pieces a dictionary of {@code size} bytes has */
    static int pieceCount(int size) {
        return (int) (((long) size + PIECE - 1) / PIECE);
    }

    /** @return the dictionary's size */
    int size() {
        return size;
    }

    /** @return its number of pieces */
    int pieces() {
        return pieces;
    }

    /** @return pieces not yet received */
    int missing() {
        return missing;
    }

    /** @return the length of {@code piece} */
    int pieceLength(int piece) {
        return piece == pieces - 1 ? size - piece * PIECE : PIECE;
    }

    /**
     * Picks a piece to ask {@code source} for: a missing piece nobody is asked for, else the
     * one asked for longest ago if that was at least {@code staleNanos} ago (its source is
     * slow; both may now answer). Marks it requested from {@code source}.
     *
     * @return the piece, or -1 if there is none to ask for now
     */
    int next(long source, long now, long staleNanos) {
        int oldest = -1;
        for (int i = 0; i < pieces; i++) {
            if (sentBy[i] != NONE) {
                continue;
            }
            if (requestedFrom[i] == NONE) {
                request(i, source, now);
                return i;
            }
            if (requestedFrom[i] != source && now - requestedAt[i] >= staleNanos
                    && (oldest < 0 || requestedAt[i] - requestedAt[oldest] < 0)) {
                oldest = i;
            }
        }
        if (oldest >= 0) {
            request(oldest, source, now);
        }
        return oldest;
    }

    private void request(int piece, long source, long now) {
        requestedFrom[piece] = source;
        requestedAt[piece] = now;
    }

    /** The source said it does not have {@code piece}, or left: the piece may be asked of others. */
    void release(int piece, long source) {
        if (piece >= 0 && piece < pieces && requestedFrom[piece] == source && sentBy[piece] == NONE) {
            requestedFrom[piece] = NONE;
        }
    }

    /** Every request to {@code source} is void (it left). */
    void releaseAll(long source) {
        for (int i = 0; i < pieces; i++) {
            release(i, source);
        }
    }

    /**
     * A piece arrived. It is stored only if it was asked of {@code source} (the latest asked,
     * or an earlier one whose request went stale and was asked again elsewhere) and is not
     * yet here, and only if its length is right.
     *
     * @param asked whether the caller had asked {@code source} for this piece
     */
    Outcome received(long source, int piece, byte[] bytes, boolean asked) {
        if (!asked || piece < 0 || piece >= pieces || sentBy[piece] != NONE) {
            return Outcome.UNSOLICITED;
        }
        if (bytes.length != pieceLength(piece)) {
            release(piece, source);
            return Outcome.WRONG_LENGTH;
        }
        System.arraycopy(bytes, 0, data, piece * PIECE, bytes.length);
        sentBy[piece] = source;
        requestedFrom[piece] = NONE;
        missing--;
        return missing == 0 ? Outcome.COMPLETE : Outcome.STORED;
    }

    /** @return who sent {@code piece}, or {@link #NONE} */
    long sentBy(int piece) {
        return sentBy[piece];
    }


    /** @return the dictionary as assembled so far (the live array: do not change it) */
    byte[] bytes() {
        return data;
    }

    /**
     * @return whether {@code piece} of this assembly has the same bytes as the same span of
     *         {@code verified}
     */
    boolean pieceMatches(int piece, byte[] verified) {
        int from = piece * PIECE;
        int to = from + pieceLength(piece);
        return verified.length == size && Arrays.equals(data, from, to, verified, from, to);
    }
}
