package dev.torrpedo.engine.internal.upload;

import dev.torrpedo.engine.internal.picker.PieceGeometry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The requests one peer has made of us and we have not served yet, in arrival order, with
 * the rules of BEP 3 and BEP 6 for choking, cancelling and rejecting, and a hard cap
 * ({@link #MAX_QUEUED}, 2000) so a peer cannot grow our memory by flooding requests.
 *
 * <p>Threading: one queue per connection, used from its event loop only. Whether we have a
 * piece is the caller's to say (from the picker), so the queue stays a pure structure.
 */
public final class UploadQueue {
    /** The most requests queued from one peer; one more is a flood and closes the connection. */
    public static final int MAX_QUEUED = 2000;
    /** The longest request served (the block size every client uses). */
    public static final int MAX_REQUEST_LENGTH = PieceGeometry.BLOCK_SIZE;

    /** What to do with an incoming REQUEST. */
    public enum Verdict {
        /** Queued; it will come out of {@link #poll()}. */
        QUEUED,
        /** Already queued; nothing to do. */
        DUPLICATE,
        /** Send REJECT REQUEST (fast extension): we choke the peer, or lack the piece. */
        REJECT,
        /** Drop it silently (no fast extension: a choked peer's requests are void). */
        IGNORE,
        /** Close the connection: the range is not within a piece, or too long. */
        INVALID,
        /** Close the connection: the peer has {@link #MAX_QUEUED} requests queued. */
        FLOOD
    }

    private final PieceGeometry geometry;
    private final boolean fastExtension;
    private final int maxQueued;
    private final LinkedHashSet<BlockRequest> queue = new LinkedHashSet<>();
    private int[] allowedFast = new int[0];
    private boolean choked = true;

    /**
     * @param geometry      the torrent's pieces
     * @param fastExtension whether both ends set the BEP 6 bit
     */
    public UploadQueue(PieceGeometry geometry, boolean fastExtension) {
        this(geometry, fastExtension, MAX_QUEUED);
    }

    /**
     * @param geometry      the torrent's pieces
     * @param fastExtension whether both ends set the BEP 6 bit
     * @param maxQueued     requests queued before one more is a {@link Verdict#FLOOD} (default {@link #MAX_QUEUED})
     */
    public UploadQueue(PieceGeometry geometry, boolean fastExtension, int maxQueued) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued: " + maxQueued + " (expected: >= 1)");
        }
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.fastExtension = fastExtension;
        this.maxQueued = maxQueued;
    }

    /** The pieces we told this peer it may have while choked (ALLOWED FAST). */
    public void setAllowedFast(int[] pieces) {
        allowedFast = pieces.clone();
    }

    /** @return whether we choke the peer */
    public boolean choked() {
        return choked;
    }

    /**
     * A REQUEST arrived.
     *
     * @param havePiece whether we have the piece (verified)
     */
    public Verdict request(BlockRequest r, boolean havePiece) {
        if (r.piece() < 0 || r.piece() >= geometry.pieceCount() || r.begin() < 0 || r.length() <= 0
                || r.length() > MAX_REQUEST_LENGTH || (long) r.begin() + r.length() > geometry.pieceLength(r.piece())) {
            return Verdict.INVALID;
        }
        if (!havePiece || (choked && !isAllowedFast(r.piece()))) {
            return fastExtension ? Verdict.REJECT : Verdict.IGNORE;
        }
        if (queue.contains(r)) {
            return Verdict.DUPLICATE;
        }
        if (queue.size() >= maxQueued) {
            return Verdict.FLOOD;
        }
        queue.add(r);
        return Verdict.QUEUED;
    }

    /**
     * A CANCEL arrived.
     *
     * @return whether it was queued (then, with the fast extension, the caller sends REJECT:
     *         BEP 6 answers every request exactly once)
     */
    public boolean cancel(BlockRequest r) {
        return queue.remove(r);
    }

    /**
     * We choke the peer. Without the fast extension its queue is dropped; with it, every
     * request outside its allowed-fast set is returned for the caller to REJECT (after
     * sending CHOKE, as BEP 6 advises).
     *
     * @return the requests to reject (empty without the fast extension)
     */
    public List<BlockRequest> choke() {
        choked = true;
        List<BlockRequest> rejects = new ArrayList<>();
        for (Iterator<BlockRequest> it = queue.iterator(); it.hasNext(); ) {
            BlockRequest r = it.next();
            if (!fastExtension || !isAllowedFast(r.piece())) {
                it.remove();
                if (fastExtension) {
                    rejects.add(r);
                }
            }
        }
        return rejects;
    }

    /** We unchoke the peer. */
    public void unchoke() {
        choked = false;
    }

    /** @return the oldest queued request, left in the queue, or null when there is none */
    public BlockRequest peek() {
        Iterator<BlockRequest> it = queue.iterator();
        return it.hasNext() ? it.next() : null;
    }

    /** @return the oldest queued request, removed, or null when there is none */
    public BlockRequest poll() {
        Iterator<BlockRequest> it = queue.iterator();
        if (!it.hasNext()) {
            return null;
        }
        BlockRequest r = it.next();
        it.remove();
        return r;
    }

    /** @return how many requests are queued */
    public int size() {
        return queue.size();
    }

    /**
     * The connection is closing.
     *
     * @return how many queued requests are dropped
     */
    public int clear() {
        int n = queue.size();
        queue.clear();
        return n;
    }

    /** @return whether the piece is one we told the peer it may have while choked */
    public boolean isAllowedFast(int piece) {
        for (int p : allowedFast) {
            if (p == piece) {
                return true;
            }
        }
        return false;
    }
}
