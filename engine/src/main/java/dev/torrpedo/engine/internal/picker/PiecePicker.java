package dev.torrpedo.engine.internal.picker;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.random.RandomGenerator;

/**
 * Decides which blocks of one torrent to request from which peer, lock-free, so that the
 * peers of one torrent can pick, receive and release from several event loops at once. The
 * design, the states and why it is safe are in {@code package-info.java}.
 *
 * <p>Threading: every method is safe to call from any thread at any time, except that calls
 * taking a {@link PickerPeer} come from the thread that owns that peer (its event loop), and
 * the configuration setters ({@link #setPiecePriority}, {@link #setPiecePriorities},
 * {@link #setSequential}) come from one thread at a time (the torrent's control path).
 * Nothing blocks, allocates per block, reads a clock or logs.
 */
public final class PiecePicker {
    /** The priority every piece starts with (as in libtorrent). */
    public static final int DEFAULT_PRIORITY = 4;
    /** The highest piece priority. */
    public static final int MAX_PRIORITY = 7;
    /** In endgame, at most this many peers request one block at once. */
    public static final int MAX_REQUESTERS = 3;

    private final PieceGeometry geometry;
    private final int pieceCount;
    private final int blocksPerPiece;
    private final int lastPieceBlocks;
    private final AtomicLongArray pieces;
    private final AtomicReferenceArray<PieceDownload> downloads;
    private final AtomicIntegerArray availability;
    private final AtomicInteger seeds = new AtomicInteger();
    /** Bit set iff {@link PieceWord#missing} (wanted and not had): what makes a peer interesting. */
    private final AtomicBitmap wantedMissing;
    /** Bit set iff {@link PieceWord#active} (touched, not had): the partial-first scan. */
    private final AtomicBitmap active;
    private final AtomicLong wantedFree = new AtomicLong();
    private final AtomicInteger missing = new AtomicInteger();
    private final AtomicInteger have = new AtomicInteger();
    private final AtomicInteger nextPeerId = new AtomicInteger();
    private final AtomicLong availabilityVersion = new AtomicLong();
    private final AtomicLong structureVersion = new AtomicLong();
    private final long rebuildThreshold;
    private final AtomicBoolean rebuilding = new AtomicBoolean();
    /** Used only by the thread that holds {@link #rebuilding}, so it need not be thread-safe. */
    private final RandomGenerator random;
    private volatile PickOrder order;
    private volatile int readAhead;
    private final AtomicInteger sequentialCursor = new AtomicInteger();

    /**
     * A picker for a torrent of which we have nothing yet, every piece at
     * {@link #DEFAULT_PRIORITY}.
     *
     * @param geometry the torrent's pieces and blocks
     * @param random   breaks ties between equally rare pieces; need not be thread-safe
     */
    public PiecePicker(PieceGeometry geometry, RandomGenerator random) {
        this.geometry = Objects.requireNonNull(geometry, "geometry");
        this.random = Objects.requireNonNull(random, "random");
        this.pieceCount = geometry.pieceCount();
        this.blocksPerPiece = geometry.blockCount(0);
        this.lastPieceBlocks = geometry.blockCount(pieceCount - 1);
        this.pieces = new AtomicLongArray(pieceCount);
        this.downloads = new AtomicReferenceArray<>(pieceCount);
        this.availability = new AtomicIntegerArray(pieceCount);
        this.wantedMissing = new AtomicBitmap(pieceCount);
        this.active = new AtomicBitmap(pieceCount);
        this.rebuildThreshold = Math.max(1, pieceCount >>> 5);
        for (int p = 0; p < pieceCount; p++) {
            pieces.set(p, PieceWord.initial(blocks(p), DEFAULT_PRIORITY));
            wantedMissing.set(p, true);
        }
        wantedFree.set(geometry.totalBlocks());
        missing.set(pieceCount);
        this.order = buildOrder(0, 0);
    }

    /** @return the torrent's pieces and blocks */
    public PieceGeometry geometry() {
        return geometry;
    }

    /** @return a handle for a newly connected peer, which has nothing and chokes us */
    public PickerPeer newPeer() {
        return new PickerPeer(nextPeerId.getAndIncrement(), pieceCount);
    }

    // ------------------------------------------------------------------ availability

    /**
     * A peer's BITFIELD: it has the pieces whose bits are set (most significant bit of byte 0
     * is piece 0). Spare bits past the last piece are ignored (the wire layer rejects them).
     * A full bitfield makes the peer a seed, as HAVE ALL would.
     *
     * @return whether the peer has a piece we want
     */
    public boolean peerBitfield(PickerPeer peer, byte[] bitfield) {
        if (bitfield.length < (pieceCount + 7) >>> 3) {
            throw new IllegalArgumentException("bitfield: " + bitfield.length + " bytes (expected: >= "
                    + ((pieceCount + 7) >>> 3) + ")");
        }
        if (!peer.left && !peer.hasAll) {
            for (int p = 0; p < pieceCount; p++) {
                if ((bitfield[p >>> 3] & (0x80 >>> (p & 7))) != 0 && peer.set(p)) {
                    availability.incrementAndGet(p);
                }
            }
            availabilityVersion.incrementAndGet();
            if (peer.count == pieceCount) {
                peerHasAll(peer);
            }
        }
        return interesting(peer);
    }

    /** A peer's HAVE ALL (BEP 6), or any other way of learning it is a seed. */
    public void peerHasAll(PickerPeer peer) {
        if (peer.left || peer.hasAll) {
            return;
        }
        for (int p = 0; p < pieceCount; p++) {
            if (peer.has(p)) {
                availability.decrementAndGet(p);
            }
        }
        Arrays.fill(peer.bits, 0);
        peer.hasAll = true;
        peer.count = pieceCount;
        seeds.incrementAndGet();
        availabilityVersion.incrementAndGet();
    }

    /**
     * A peer's HAVE.
     *
     * @return whether it is a piece we want and do not have (so the peer is interesting)
     */
    public boolean peerHas(PickerPeer peer, int piece) {
        checkPiece(piece);
        if (!peer.left && !peer.hasAll && peer.set(piece)) {
            availability.incrementAndGet(piece);
            availabilityVersion.incrementAndGet();
            if (peer.count == pieceCount) {
                peerHasAll(peer);
            }
        }
        return wantedMissing.get(piece);
    }

    /**
     * The peer is gone: its pieces no longer count towards availability and every block it
     * had requested is released. Later calls with this handle do nothing.
     *
     * @return how many block requests were released
     */
    public int peerLeft(PickerPeer peer) {
        if (peer.left) {
            return 0;
        }
        peer.left = true;
        if (peer.hasAll) {
            seeds.decrementAndGet();
        } else {
            for (int w = 0; w < peer.bits.length; w++) {
                long bits = peer.bits[w];
                while (bits != 0) {
                    int p = (w << 6) + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    availability.decrementAndGet(p);
                }
            }
        }
        availabilityVersion.incrementAndGet();
        return releaseAll(peer);
    }

    /** @return how many connected peers have the piece */
    public int availability(int piece) {
        checkPiece(piece);
        return availability.get(piece) + seeds.get();
    }

    /** @return whether the peer has any piece we want and do not have (send INTERESTED) */
    public boolean interesting(PickerPeer peer) {
        if (peer.hasAll) {
            return missing.get() > 0;
        }
        for (int w = 0; w < peer.bits.length; w++) {
            if ((peer.bits[w] & wantedMissing.word(w)) != 0) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ configuration

    /**
     * Sets one piece's priority: 0 skips it, 1..7 downloads it, higher first. Blocks already
     * requested in a skipped piece may still arrive and are accepted.
     */
    public void setPiecePriority(int piece, int priority) {
        checkPiece(piece);
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority: " + priority + " (expected: 0.." + MAX_PRIORITY + ")");
        }
        while (true) {
            long w = pieces.get(piece);
            if (PieceWord.priority(w) == priority || casPiece(piece, w, PieceWord.withPriority(w, priority))) {
                break;
            }
        }
        structureVersion.incrementAndGet();
        sequentialCursor.set(0); // a piece before the cursor may be wanted again
    }

    /** Sets every piece's priority (see {@link PiecePriorities} to derive them from files). */
    public void setPiecePriorities(int[] priorities) {
        if (priorities.length != pieceCount) {
            throw new IllegalArgumentException("priorities: " + priorities.length + " (expected: " + pieceCount + ")");
        }
        for (int p = 0; p < pieceCount; p++) {
            setPiecePriority(p, priorities[p]);
        }
    }

    /** @return the piece's priority */
    public int piecePriority(int piece) {
        checkPiece(piece);
        return PieceWord.priority(pieces.get(piece));
    }

    /**
     * Sequential mode: the {@code readAheadPieces} wanted pieces from the first one we lack are
     * picked in index order, before partial and rarest-first picks; past that window
     * rarest-first goes on. {@code Integer.MAX_VALUE} downloads strictly in order; 0 turns
     * sequential mode off.
     */
    public void setSequential(int readAheadPieces) {
        if (readAheadPieces < 0) {
            throw new IllegalArgumentException("readAheadPieces: " + readAheadPieces + " (expected: >= 0)");
        }
        readAhead = readAheadPieces;
        sequentialCursor.set(0);
    }

    // ------------------------------------------------------------------ picking

    /**
     * Claims up to {@code max} blocks for {@code peer} and writes their addresses
     * ({@link BlockAddress}) to {@code out}. While the peer chokes us only its allowed-fast
     * pieces are considered. Otherwise, in this order: the sequential window, the piece the
     * peer worked on last, other partial pieces, its suggestions, then untouched pieces
     * rarest first. A block handed out here is requested by nobody else, unless the address
     * carries {@link BlockAddress#DUPLICATE}: in endgame (every block we want is requested)
     * blocks already requested from others are handed out too, at most
     * {@link #MAX_REQUESTERS} peers per block.
     *
     * @return how many addresses were written
     */
    public int pick(PickerPeer peer, long[] out, int max) {
        max = Math.min(max, out.length);
        if (max <= 0 || peer.left) {
            return 0;
        }
        int n = 0;
        if (peer.choked()) {
            for (int i = 0; i < peer.allowedFastCount() && n < max; i++) {
                int p = peer.allowedFast(i);
                if (p >= 0 && p < pieceCount && peer.has(p)) {
                    n += claim(peer, p, out, n, max - n);
                }
            }
            return n;
        }
        int window = readAhead;
        if (window > 0) {
            n = pickSequential(peer, out, n, max, window);
        }
        int last = peer.lastPiece;
        if (n < max && last >= 0 && peer.has(last)) {
            n += claim(peer, last, out, n, max - n);
        }
        if (n < max) {
            n = pickPartials(peer, out, n, max);
        }
        for (int i = 0; i < peer.suggestedCount() && n < max; i++) {
            int p = peer.suggested(i);
            if (p >= 0 && p < pieceCount && peer.has(p)) {
                n += claim(peer, p, out, n, max - n);
            }
        }
        if (n < max) {
            n = pickRarest(peer, out, n, max);
        }
        if (n < max && inEndgame()) {
            n = pickDuplicates(peer, out, n, max, 2);
            if (n < max) {
                n = pickDuplicates(peer, out, n, max, MAX_REQUESTERS);
            }
        }
        return n;
    }

    /** @return whether every block we still want is requested, received or written */
    public boolean inEndgame() {
        return wantedFree.get() == 0 && missing.get() > 0;
    }

    private int pickSequential(PickerPeer peer, long[] out, int n, int max, int window) {
        int c = sequentialCursor.get();
        int from = c;
        while (c < pieceCount && PieceWord.missing(pieces.get(c)) == 0) {
            c++;
        }
        if (c != from) {
            advance(sequentialCursor, c);
        }
        long end = Math.min((long) pieceCount, (long) c + window);
        for (int p = c; p < end && n < max; p++) {
            if (peer.has(p)) {
                n += claim(peer, p, out, n, max - n);
            }
        }
        return n;
    }

    private int pickPartials(PickerPeer peer, long[] out, int n, int max) {
        for (int w = 0; w < active.wordCount() && n < max; w++) {
            long bits = active.word(w);
            while (bits != 0 && n < max) {
                int p = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (peer.has(p)) {
                    n += claim(peer, p, out, n, max - n);
                }
            }
        }
        return n;
    }

    private int pickRarest(PickerPeer peer, long[] out, int n, int max) {
        PickOrder o = currentOrder();
        int[] list = o.pieces;
        int i = o.start.get();
        int lead = i;
        boolean leading = true;
        for (; i < list.length && n < max; i++) {
            int p = list[i];
            long w = pieces.get(p);
            boolean untouched = PieceWord.state(w) == PieceWord.OPEN && !PieceWord.touched(w)
                    && PieceWord.priority(w) > 0;
            if (!untouched) {
                if (leading) {
                    lead = i + 1;
                }
                continue;
            }
            leading = false;
            if (peer.has(p)) {
                n += claim(peer, p, out, n, max - n);
            }
        }
        o.advanceStart(lead);
        return n;
    }

    private int pickDuplicates(PickerPeer peer, long[] out, int n, int max, int limit) {
        int me = peer.id();
        for (int w = 0; w < active.wordCount() && n < max; w++) {
            long bits = active.word(w);
            while (bits != 0 && n < max) {
                int p = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                long pw = pieces.get(p);
                PieceDownload d = downloads.get(p);
                if (d == null || !peer.has(p) || PieceWord.state(pw) != PieceWord.OPEN || PieceWord.priority(pw) == 0) {
                    continue;
                }
                for (int b = 0; b < d.blockCount() && n < max; b++) {
                    long bw = d.blocks.get(b);
                    if (BlockWord.state(bw) == BlockWord.REQUESTED && BlockWord.requesters(bw) < limit
                            && BlockWord.peer(bw) != me && !d.isExtraRequester(b, me) && addDuplicate(d, b, me, limit)) {
                        out[n++] = BlockAddress.of(p, b) | BlockAddress.DUPLICATE;
                    }
                }
            }
        }
        return n;
    }

    private static boolean addDuplicate(PieceDownload d, int b, int me, int limit) {
        d.addExtra(b, me);
        while (true) {
            long bw = d.blocks.get(b);
            if (BlockWord.state(bw) != BlockWord.REQUESTED || BlockWord.requesters(bw) >= limit) {
                d.removeExtra(b, me);
                return false;
            }
            if (d.blocks.compareAndSet(b, bw, BlockWord.withRequesters(bw, BlockWord.requesters(bw) + 1))) {
                return true;
            }
        }
    }

    /**
     * Reserves up to {@code want} free blocks of the piece in its piece word, then turns that
     * many NONE blocks into REQUESTED by {@code peer}. There are always at least as many NONE
     * blocks as free plus outstanding reservations (a block leaves NONE only against a
     * reservation and returns to NONE before free is raised), so the scan ends.
     */
    private int claim(PickerPeer peer, int p, long[] out, int at, int want) {
        long w = pieces.get(p);
        if (PieceWord.state(w) != PieceWord.OPEN || PieceWord.priority(w) == 0 || PieceWord.free(w) == 0) {
            return 0;
        }
        PieceDownload d = download(p);
        int k = reserve(p, want, true);
        if (k == 0) {
            return 0;
        }
        long requested = BlockWord.of(BlockWord.REQUESTED, 1, peer.id());
        int got = 0;
        while (got < k) {
            for (int b = 0; b < d.blockCount() && got < k; b++) {
                if (d.blocks.get(b) == 0 && d.blocks.compareAndSet(b, 0, requested)) {
                    out[at + got++] = BlockAddress.of(p, b);
                }
            }
            if (got < k) {
                Thread.onSpinWait();
            }
        }
        peer.lastPiece = p;
        return k;
    }

    /** Takes up to {@code want} from the piece's free count; {@code wanted}: only if priority > 0. */
    private int reserve(int p, int want, boolean wanted) {
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
    private void unreserve(int p) {
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

    private PieceDownload download(int p) {
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

    // ------------------------------------------------------------------ block events

    /**
     * A block arrived from {@code peer}. If accepted, it is now WRITING and the caller writes
     * it to storage, then calls {@link #blockWritten} or {@link #writeFailed}. In endgame the
     * answer names the other peers to send CANCEL. A block that nobody requested (a late one
     * after a timeout) is accepted if it is still needed.
     */
    public Received received(PickerPeer peer, long address) {
        int p = BlockAddress.piece(address);
        int b = BlockAddress.block(address);
        checkBlock(p, b);
        int me = peer.id();
        if (PieceWord.state(pieces.get(p)) != PieceWord.OPEN) {
            return Received.NOT_NEEDED;
        }
        PieceDownload d = download(p);
        while (true) {
            long bw = d.blocks.get(b);
            switch (BlockWord.state(bw)) {
                case BlockWord.REQUESTED:
                    if (d.blocks.compareAndSet(b, bw, BlockWord.of(BlockWord.WRITING, 0, me))) {
                        return Received.acceptedCancelling(othersThan(me, BlockWord.peer(bw), d.takeExtra(b)));
                    }
                    break;
                case BlockWord.NONE:
                    if (reserve(p, 1, false) == 0) {
                        return Received.NOT_NEEDED;
                    }
                    if (d.blocks.compareAndSet(b, 0, BlockWord.of(BlockWord.WRITING, 0, me))) {
                        return Received.ACCEPTED;
                    }
                    unreserve(p);
                    break;
                default:
                    d.removeExtra(b, me);
                    return Received.DUPLICATE;
            }
        }
    }

    private static int[] othersThan(int me, int first, int[] extra) {
        int n = (first != me && first != BlockWord.NOBODY) ? 1 : 0;
        for (int x : extra) {
            if (x != me) {
                n++;
            }
        }
        int[] r = new int[n];
        int i = 0;
        if (first != me && first != BlockWord.NOBODY) {
            r[i++] = first;
        }
        for (int x : extra) {
            if (x != me) {
                r[i++] = x;
            }
        }
        return r;
    }

    /**
     * The block's write to storage completed.
     *
     * @return whether that was the piece's last block: it is now VERIFYING and the caller
     *         hashes it, then calls {@link #pieceVerified} or {@link #pieceFailed}
     */
    public boolean blockWritten(long address) {
        int p = BlockAddress.piece(address);
        int b = BlockAddress.block(address);
        checkBlock(p, b);
        PieceDownload d = downloads.get(p);
        if (d == null) {
            return false;
        }
        while (true) {
            long bw = d.blocks.get(b);
            if (BlockWord.state(bw) != BlockWord.WRITING) {
                return false;
            }
            if (d.blocks.compareAndSet(b, bw, BlockWord.withRequesters(bw, 0) | BlockWord.FINISHED)) {
                break;
            }
        }
        int blocks = blocks(p);
        while (true) {
            long w = pieces.get(p);
            if (PieceWord.state(w) != PieceWord.OPEN) {
                return false;
            }
            int written = PieceWord.written(w) + 1;
            long next = PieceWord.withWritten(w, written);
            if (written == blocks) {
                next = PieceWord.withState(next, PieceWord.VERIFYING);
            }
            if (casPiece(p, w, next)) {
                return written == blocks;
            }
        }
    }

    /** The block's write to storage failed: it goes back to NONE, to be requested again. */
    public boolean writeFailed(long address) {
        int p = BlockAddress.piece(address);
        int b = BlockAddress.block(address);
        checkBlock(p, b);
        PieceDownload d = downloads.get(p);
        if (d == null) {
            return false;
        }
        while (true) {
            long bw = d.blocks.get(b);
            if (BlockWord.state(bw) != BlockWord.WRITING) {
                return false;
            }
            if (d.blocks.compareAndSet(b, bw, 0)) {
                unreserve(p);
                return true;
            }
        }
    }

    /**
     * {@code peer} no longer has this block requested: it rejected it (BEP 6), the request
     * timed out, or we cancelled it. If no other peer has it requested it is NONE again.
     *
     * @return whether the peer had it requested
     */
    public boolean release(PickerPeer peer, long address) {
        int p = BlockAddress.piece(address);
        int b = BlockAddress.block(address);
        checkBlock(p, b);
        PieceDownload d = downloads.get(p);
        return d != null && release(d, p, b, peer.id());
    }

    private boolean release(PieceDownload d, int p, int b, int me) {
        boolean extra = d.removeExtra(b, me);
        while (true) {
            long bw = d.blocks.get(b);
            if (BlockWord.state(bw) != BlockWord.REQUESTED) {
                return false;
            }
            int first = BlockWord.peer(bw);
            if (!extra && first != me) {
                return false;
            }
            int count = BlockWord.requesters(bw);
            long next;
            if (count <= 1) {
                next = 0;
            } else {
                next = BlockWord.withRequesters(bw, count - 1);
                if (!extra) {
                    next = BlockWord.withPeer(next, BlockWord.NOBODY);
                }
            }
            if (d.blocks.compareAndSet(b, bw, next)) {
                if (next == 0) {
                    unreserve(p);
                }
                return true;
            }
        }
    }

    /**
     * Releases every block {@code peer} has requested (it choked us without the fast
     * extension, or it is gone).
     *
     * @return how many were released
     */
    public int releaseAll(PickerPeer peer) {
        int me = peer.id();
        int released = 0;
        for (int w = 0; w < active.wordCount(); w++) {
            long bits = active.word(w);
            while (bits != 0) {
                int p = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                PieceDownload d = downloads.get(p);
                if (d == null) {
                    continue;
                }
                for (int b = 0; b < d.blockCount(); b++) {
                    long bw = d.blocks.get(b);
                    if (BlockWord.state(bw) == BlockWord.REQUESTED
                            && (BlockWord.peer(bw) == me || d.isExtraRequester(b, me)) && release(d, p, b, me)) {
                        released++;
                    }
                }
            }
        }
        if (peer.lastPiece >= 0) {
            peer.lastPiece = -1;
        }
        return released;
    }

    // ------------------------------------------------------------------ piece events

    /**
     * The piece passed its hash check.
     *
     * @return whether it was VERIFYING (and is now HAVE)
     */
    public boolean pieceVerified(int piece) {
        checkPiece(piece);
        while (true) {
            long w = pieces.get(piece);
            if (PieceWord.state(w) != PieceWord.VERIFYING) {
                return false;
            }
            if (casPiece(piece, w, PieceWord.withState(w, PieceWord.HAVE))) {
                downloads.set(piece, null);
                return true;
            }
        }
    }

    /**
     * The piece failed its hash check: every block goes back to NONE, and the piece is picked
     * again (as a partial piece, so first). Ask {@link #blockSenders} before, for smart ban.
     *
     * @return whether it was VERIFYING (and is now open again)
     */
    public boolean pieceFailed(int piece) {
        checkPiece(piece);
        long w;
        while (true) {
            w = pieces.get(piece);
            if (PieceWord.state(w) != PieceWord.VERIFYING) {
                return false;
            }
            if (casPiece(piece, w, PieceWord.withState(w, PieceWord.RESETTING))) {
                break;
            }
        }
        PieceDownload d = downloads.get(piece);
        for (int b = 0; b < d.blockCount(); b++) {
            d.takeExtra(b);
            d.blocks.set(b, 0);
        }
        long reset = PieceWord.withTouched(PieceWord.withWritten(
                PieceWord.withFree(PieceWord.withState(w, PieceWord.OPEN), blocks(piece)), 0));
        while (true) {
            long cur = pieces.get(piece);
            // only this thread leaves RESETTING; the priority may have changed meanwhile
            if (casPiece(piece, cur, PieceWord.withPriority(reset, PieceWord.priority(cur)))) {
                return true;
            }
        }
    }

    /**
     * We have the piece without downloading it (resume data, or a recheck found it). If
     * another thread is resetting the piece after a hash failure, this waits for that bounded
     * loop to end; it is a control-path call, never made on the data path.
     */
    public void weHave(int piece) {
        checkPiece(piece);
        while (true) {
            long w = pieces.get(piece);
            if (PieceWord.state(w) == PieceWord.HAVE) {
                return;
            }
            if (PieceWord.state(w) != PieceWord.RESETTING && casPiece(piece, w, PieceWord.withState(w, PieceWord.HAVE))) {
                downloads.set(piece, null);
                return;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * @return for each block of the piece, the id of the peer that delivered it, or -1 where
     *         none did yet: the peers to strike when the piece fails its hash
     */
    public int[] blockSenders(int piece) {
        checkPiece(piece);
        int[] r = new int[blocks(piece)];
        Arrays.fill(r, BlockWord.NOBODY);
        PieceDownload d = downloads.get(piece);
        if (d != null) {
            for (int b = 0; b < r.length; b++) {
                long bw = d.blocks.get(b);
                int s = BlockWord.state(bw);
                if (s == BlockWord.WRITING || s == BlockWord.FINISHED) {
                    r[b] = BlockWord.peer(bw);
                }
            }
        }
        return r;
    }

    // ------------------------------------------------------------------ queries

    /** @return the piece's state */
    public PieceState pieceState(int piece) {
        checkPiece(piece);
        long w = pieces.get(piece);
        switch (PieceWord.state(w)) {
            case PieceWord.HAVE:
                return PieceState.HAVE;
            case PieceWord.OPEN:
                return PieceWord.touched(w) ? PieceState.PARTIAL : PieceState.MISSING;
            default:
                return PieceState.VERIFYING;
        }
    }

    /** @return the block's state (FINISHED for every block of a piece we have) */
    public BlockState blockState(long address) {
        int p = BlockAddress.piece(address);
        int b = BlockAddress.block(address);
        checkBlock(p, b);
        int s = PieceWord.state(pieces.get(p));
        if (s == PieceWord.HAVE) {
            return BlockState.FINISHED;
        }
        PieceDownload d = downloads.get(p);
        return d == null ? BlockState.NONE : BlockState.of(BlockWord.state(d.blocks.get(b)));
    }

    /** @return how many peers have the block requested */
    public int requesters(long address) {
        int p = BlockAddress.piece(address);
        int b = BlockAddress.block(address);
        checkBlock(p, b);
        PieceDownload d = downloads.get(p);
        if (d == null) {
            return 0;
        }
        long bw = d.blocks.get(b);
        return BlockWord.state(bw) == BlockWord.REQUESTED ? BlockWord.requesters(bw) : 0;
    }

    /** @return whether we have the piece */
    public boolean has(int piece) {
        checkPiece(piece);
        return PieceWord.state(pieces.get(piece)) == PieceWord.HAVE;
    }

    /** @return counters, each read atomically (not all at one instant) */
    public PickerStats stats() {
        return new PickerStats(pieceCount, have.get(), missing.get(), wantedFree.get(), seeds.get(), inEndgame());
    }

    /** @return whether we have every piece we want */
    public boolean isComplete() {
        return missing.get() == 0;
    }

    // ------------------------------------------------------------------ internals

    /**
     * The one way a piece word changes: CAS, then add the exact difference it made to the
     * torrent-wide counters and bring the derived bitmaps in line with the word.
     */
    private boolean casPiece(int p, long old, long next) {
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

    private PickOrder currentOrder() {
        PickOrder o = order;
        long av = availabilityVersion.get();
        long sv = structureVersion.get();
        if ((o.structureVersion != sv || av - o.availabilityVersion >= rebuildThreshold)
                && rebuilding.compareAndSet(false, true)) {
            try {
                o = buildOrder(av, sv);
                order = o;
            } finally {
                rebuilding.set(false);
            }
        }
        return o;
    }

    private PickOrder buildOrder(long av, long sv) {
        long[] keys = new long[pieceCount];
        int n = 0;
        int seedCount = seeds.get();
        for (int p = 0; p < pieceCount; p++) {
            long w = pieces.get(p);
            int prio = PieceWord.priority(w);
            if (PieceWord.state(w) != PieceWord.OPEN || PieceWord.touched(w) || prio == 0) {
                continue;
            }
            long avail = Math.min((1L << 19) - 1, Math.max(0, availability.get(p) + seedCount));
            keys[n++] = ((long) (MAX_PRIORITY - prio) << 60) | (avail << 41)
                    | ((long) random.nextInt(1 << 20) << 21) | p;
        }
        Arrays.sort(keys, 0, n);
        int[] list = new int[n];
        for (int i = 0; i < n; i++) {
            list[i] = (int) (keys[i] & ((1 << 21) - 1));
        }
        return new PickOrder(list, av, sv);
    }

    private static void advance(AtomicInteger cursor, int to) {
        int cur;
        while ((cur = cursor.get()) < to) {
            if (cursor.compareAndSet(cur, to)) {
                return;
            }
        }
    }

    int blocks(int p) {
        return p == pieceCount - 1 ? lastPieceBlocks : blocksPerPiece;
    }

    private void checkPiece(int piece) {
        if (piece < 0 || piece >= pieceCount) {
            throw new IndexOutOfBoundsException("piece " + piece + " (pieces: " + pieceCount + ")");
        }
    }

    private void checkBlock(int piece, int block) {
        checkPiece(piece);
        if (block < 0 || block >= blocks(piece)) {
            throw new IndexOutOfBoundsException("block " + block + " of piece " + piece + " (blocks: " + blocks(piece) + ")");
        }
    }

    // package-private views for PickerAudit
    long pieceWord(int p) {
        return pieces.get(p);
    }

    PieceDownload downloadOf(int p) {
        return downloads.get(p);
    }

    boolean wantedMissingBit(int p) {
        return wantedMissing.get(p);
    }

    boolean activeBit(int p) {
        return active.get(p);
    }

    int rawAvailability(int p) {
        return availability.get(p);
    }

    int pieceCount() {
        return pieceCount;
    }
}
