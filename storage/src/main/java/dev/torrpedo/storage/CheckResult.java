package dev.torrpedo.storage;

import java.util.BitSet;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a check of the data on disk found. Holds copies: changing what the accessors return
 * changes nothing here.
 *
 * @param verified        the pieces whose bytes on disk match their hashes
 * @param unfinished      per unfinished piece, the 16 KiB blocks ({@link Storage#BLOCK_SIZE})
 *                        written durably before, from resume data: a hint for the picker (the
 *                        piece is still hashed in full, from disk, when it completes)
 * @param hashedPieces    pieces hashed from disk during this check (the rest were accepted
 *                        from resume data or have no data on disk)
 * @param resumeDataUsed  whether resume data was read and used as a hint
 */
public record CheckResult(BitSet verified, Map<Integer, BitSet> unfinished, int hashedPieces,
        boolean resumeDataUsed) {

    /** Copies the sets. */
    public CheckResult {
        verified = (BitSet) verified.clone();
        Map<Integer, BitSet> copy = new TreeMap<>();
        for (Map.Entry<Integer, BitSet> e : unfinished.entrySet()) {
            copy.put(e.getKey(), (BitSet) e.getValue().clone());
        }
        unfinished = Collections.unmodifiableMap(copy);
    }

    /** @return a copy of the verified pieces */
    @Override
    public BitSet verified() {
        return (BitSet) verified.clone();
    }

    /** @return per unfinished piece, a copy of its written blocks */
    @Override
    public Map<Integer, BitSet> unfinished() {
        Map<Integer, BitSet> copy = new TreeMap<>();
        for (Map.Entry<Integer, BitSet> e : unfinished.entrySet()) {
            copy.put(e.getKey(), (BitSet) e.getValue().clone());
        }
        return Collections.unmodifiableMap(copy);
    }
}
