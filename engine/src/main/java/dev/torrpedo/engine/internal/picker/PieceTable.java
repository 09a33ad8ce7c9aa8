package dev.torrpedo.engine.internal.picker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The picker's shared piece state: one word per piece ({@link PieceWord}), the block words of
 * pieces in progress, the torrent-wide counters and the two bitmaps derived from the words.
 * Every piece word changes through {@link #casPiece}, which keeps the rest in step.
 */
final class PieceTable {
    private final int pieceCount;
    private final int blocksPerPiece;
    private final int lastPieceBlocks;
    private final AtomicLongArray pieces;
    private final AtomicReferenceArray<PieceDownload> downloads;
    /** Bit set iff {@link PieceWord#missing} (wanted and not had): what makes a peer interesting. */
    private final AtomicBitmap wantedMissing;
    /** Bit set iff {@link PieceWord#active} (touched, not had): the partial-first scan. */
    private final AtomicBitmap active;
    private final AtomicLong wantedFree = new AtomicLong();
    private final AtomicInteger missing = new AtomicInteger();
    private final AtomicInteger have = new AtomicInteger();

    PieceTable(PieceGeometry geometry, int priority) {
        this.pieceCount = geometry.pieceCount();
        this.blocksPerPiece = geometry.blockCount(0);
        this.lastPieceBlocks = geometry.blockCount(pieceCount - 1);
        this.pieces = new AtomicLongArray(pieceCount);
        this.downloads = new AtomicReferenceArray<>(pieceCount);
        this.wantedMissing = new AtomicBitmap(pieceCount);
        this.active = new AtomicBitmap(pieceCount);
        for (int p = 0; p < pieceCount; p++) {
            pieces.set(p, PieceWord.initial(blocks(p), priority));
            wantedMissing.set(p, priority > 0);
        }
        wantedFree.set(priority > 0 ? geometry.totalBlocks() : 0);
        missing.set(priority > 0 ? pieceCount : 0);
    }

    int pieceCount() {
        return pieceCount;
    }

    int blocks(int p) {
        return p == pieceCount - 1 ? lastPieceBlocks : blocksPerPiece;
    }

    long word(int p) {
        return pieces.get(p);
    }

    long wantedFree() {
        return wantedFree.get();
    }

    int missing() {
        return missing.get();
    }

    int have() {
        return have.get();
    }

    boolean wantedMissing(int p) {
        return wantedMissing.get(p);
    }

    long wantedMissingWord(int w) {
        return wantedMissing.word(w);
    }

    boolean active(int p) {
        return active.get(p);
    }

    int activeWordCount() {
        return active.wordCount();
    }

    long activeWord(int w) {
        return active.word(w);
    }

    /**
     * The one way a piece word changes: CAS, then add the exact difference it made to the
     * torrent-wide counters and bring the derived bitmaps in line with the word.
     */
    boolean casPiece(int p, long old, long next) {
        if (!pieces.compareAndSet(p, old, next)) {
            return false;
        }
        int dFree = PieceWord.wantedFree(next) - PieceWord.wantedFree(old);
        if (dFree != 0) {
            wantedFree.addAndGet(dFree);
        }
        int dMissing = PieceWord.missing(next) - PieceWord.missing(old);
        if (dMissing != 0) {
            missing.addAndGet(dMissing);
            syncWantedMissing(p);
        }
        int dHave = PieceWord.have(next) - PieceWord.have(old);
        if (dHave != 0) {
            have.addAndGet(dHave);
        }
        if (PieceWord.active(next) != PieceWord.active(old)) {
            syncActive(p);
        }
        return true;
    }

    /*
     * A derived bit is written after the CAS that changed it and re-checked against the word:
     * whichever writer comes last has read the word after the last change, so the bit ends
     * equal to the predicate of the final word.
     */
    private void syncWantedMissing(int p) {
        while (true) {
            long w = pieces.get(p);
            wantedMissing.set(p, PieceWord.missing(w) == 1);
            if (pieces.get(p) == w) {
                return;
            }
        }
    }

    private void syncActive(int p) {
        while (true) {
            long w = pieces.get(p);
            active.set(p, PieceWord.active(w));
            if (pieces.get(p) == w) {
                return;
            }
        }
    }

    /** Takes up to {@code want} from the piece's free count; {@code wanted}: only if priority &gt; 0. */
    int reserve(int p, int want, boolean wanted) {
        while (true) {
            long w = pieces.get(p);
            int free = PieceWord.free(w);
            if (PieceWord.state(w) != PieceWord.OPEN || free == 0 || (wanted && PieceWord.priority(w) == 0)) {
                return 0;
            }
            int k = Math.min(want, free);
            if (casPiece(p, w, PieceWord.withTouched(PieceWord.withFree(w, free - k)))) {
                return k;
            }
        }
    }

    /** Gives one block back to the piece's free count (its word is already NONE). */
    void unreserve(int p) {
        while (true) {
            long w = pieces.get(p);
            if (PieceWord.state(w) != PieceWord.OPEN) {
                return;
            }
            if (casPiece(p, w, PieceWord.withFree(w, PieceWord.free(w) + 1))) {
                return;
            }
        }
    }

    PieceDownload downloadOf(int p) {
        return downloads.get(p);
    }

    /** @return the piece's block words, made on first use */
    PieceDownload download(int p) {
        PieceDownload d = downloads.get(p);
        if (d == null) {
            d = new PieceDownload(blocks(p));
            if (!downloads.compareAndSet(p, null, d)) {
                d = downloads.get(p);
            } else if (PieceWord.state(pieces.get(p)) == PieceWord.HAVE) {
                downloads.compareAndSet(p, d, null);
            }
        }
        return d;
    }

    /** Drops the block words of a piece we now have. */
    void dropDownload(int p) {
        downloads.set(p, null);
    }
}
