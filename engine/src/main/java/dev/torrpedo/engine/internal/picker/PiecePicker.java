package dev.torrpedo.engine.internal.picker;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Nothing blocks, reads a clock or logs; outside endgame nothing is allocated per block.
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
    private final PieceTable table;
    private final PeerAvailability availability;
    private final BlockEvents blockEvents;
    private final AtomicInteger nextPeerId = new AtomicInteger();
    private final RarestFirst rarest;
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
        this.pieceCount = geometry.pieceCount();
        this.table = new PieceTable(geometry, DEFAULT_PRIORITY);
        this.availability = new PeerAvailability(pieceCount, this::availabilityChanged);
        this.rarest = new RarestFirst(table, availability::of, Objects.requireNonNull(random, "random"));
        this.blockEvents = new BlockEvents(table);
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
        availability.bitfield(peer, bitfield);
        return interesting(peer);
    }

    /** A peer's HAVE ALL (BEP 6), or any other way of learning it is a seed. */
    public void peerHasAll(PickerPeer peer) {
        availability.hasAll(peer);
    }

    /**
     * A peer's HAVE.
     *
     * @return whether it is a piece we want and do not have (so the peer is interesting)
     */
    public boolean peerHas(PickerPeer peer, int piece) {
        checkPiece(piece);
        availability.has(peer, piece);
        return table.wantedMissing(piece);
    }

    /**
     * A peer's {@code lt_donthave} (BEP 54): it no longer has the piece. A seed stops being
     * one: its other pieces count one by one from now on.
     *
     * @return whether the peer had the piece (and availability changed)
     */
    public boolean peerDoesNotHave(PickerPeer peer, int piece) {
        checkPiece(piece);
        return availability.doesNotHave(peer, piece);
    }

    /**
     * We lost a piece we had (its file went missing): it is wanted again and picked like any
     * other missing piece.
     *
     * @return whether we had it
     */
    public boolean weLost(int piece) {
        checkPiece(piece);
        while (true) {
            long w = table.word(piece);
            if (PieceWord.state(w) != PieceWord.HAVE) {
                return false;
            }
            long open = PieceWord.withoutTouched(PieceWord.withWritten(
                    PieceWord.withFree(PieceWord.withState(w, PieceWord.OPEN), blocks(piece)), 0));
            if (table.casPiece(piece, w, open)) {
                rarest.structureChanged(); // the order and the cursor skipped it while we had it
                sequentialCursor.set(0);
                return true;
            }
        }
    }

    /**
     * The peer is gone: its pieces no longer count towards availability and every block it
     * had requested is released. Later calls with this handle do nothing.
     *
     * @return how many block requests were released
     */
    public int peerLeft(PickerPeer peer) {
        return availability.left(peer) ? releaseAll(peer) : 0;
    }

    /** @return how many connected peers have the piece */
    public int availability(int piece) {
        checkPiece(piece);
        return availability.of(piece);
    }

    /** @return whether the peer has any piece we want and do not have (send INTERESTED) */
    public boolean interesting(PickerPeer peer) {
        if (peer.hasAll) {
            return table.missing() > 0;
        }
        for (int w = 0; w < peer.bits.length; w++) {
            if ((peer.bits[w] & table.wantedMissingWord(w)) != 0) {
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
            long w = table.word(piece);
            if (PieceWord.priority(w) == priority || table.casPiece(piece, w, PieceWord.withPriority(w, priority))) {
                break;
            }
        }
        rarest.structureChanged();
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
        return PieceWord.priority(table.word(piece));
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
            n = Endgame.pickDuplicates(table, peer, out, n, max, 2);
            if (n < max) {
                n = Endgame.pickDuplicates(table, peer, out, n, max, MAX_REQUESTERS);
            }
        }
        return n;
    }

    /** @return whether every block we still want is requested, received or written */
    public boolean inEndgame() {
        return table.wantedFree() == 0 && table.missing() > 0;
    }

    private int pickSequential(PickerPeer peer, long[] out, int n, int max, int window) {
        int c = sequentialCursor.get();
        int from = c;
        while (c < pieceCount && PieceWord.missing(table.word(c)) == 0) {
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
        for (int w = 0; w < table.activeWordCount() && n < max; w++) {
            long bits = table.activeWord(w);
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
        PickOrder o = rarest.current();
        int[] list = o.pieces;
        int i = o.start.get();
        int lead = i;
        boolean leading = true;
        for (; i < list.length && n < max; i++) {
            int p = list[i];
            long w = table.word(p);
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

    /**
     * Reserves up to {@code want} free blocks of the piece in its piece word, then turns that
     * many NONE blocks into REQUESTED by {@code peer}. There are always at least as many NONE
     * blocks as free plus outstanding reservations (a block leaves NONE only against a
     * reservation and returns to NONE before free is raised), so the scan ends.
     */
    private int claim(PickerPeer peer, int p, long[] out, int at, int want) {
        long w = table.word(p);
        if (PieceWord.state(w) != PieceWord.OPEN || PieceWord.priority(w) == 0 || PieceWord.free(w) == 0) {
            return 0;
        }
        PieceDownload d = table.download(p);
        int k = table.reserve(p, want, true);
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
        return blockEvents.received(peer, p, b);
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
        return blockEvents.written(p, b);
    }

    /** The block's write to storage failed: it goes back to NONE, to be requested again. */
    public boolean writeFailed(long address) {
        int p = BlockAddress.piece(address);
        int b = BlockAddress.block(address);
        checkBlock(p, b);
        return blockEvents.writeFailed(p, b);
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
        return blockEvents.release(peer, p, b);
    }

    /**
     * Releases every block {@code peer} has requested (it choked us without the fast
     * extension, or it is gone).
     *
     * @return how many were released
     */
    public int releaseAll(PickerPeer peer) {
        return blockEvents.releaseAll(peer);
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
            long w = table.word(piece);
            if (PieceWord.state(w) != PieceWord.VERIFYING) {
                return false;
            }
            if (table.casPiece(piece, w, PieceWord.withState(w, PieceWord.HAVE))) {
                table.dropDownload(piece);
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
            w = table.word(piece);
            if (PieceWord.state(w) != PieceWord.VERIFYING) {
                return false;
            }
            if (table.casPiece(piece, w, PieceWord.withState(w, PieceWord.RESETTING))) {
                break;
            }
        }
        PieceDownload d = table.downloadOf(piece);
        for (int b = 0; b < d.blockCount(); b++) {
            d.takeExtra(b);
            d.blocks.set(b, 0);
        }
        long reset = PieceWord.withTouched(PieceWord.withWritten(
                PieceWord.withFree(PieceWord.withState(w, PieceWord.OPEN), blocks(piece)), 0));
        while (true) {
            long cur = table.word(piece);
            // only this thread leaves RESETTING; the priority may have changed meanwhile
            if (table.casPiece(piece, cur, PieceWord.withPriority(reset, PieceWord.priority(cur)))) {
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
            long w = table.word(piece);
            if (PieceWord.state(w) == PieceWord.HAVE) {
                return;
            }
            if (PieceWord.state(w) != PieceWord.RESETTING && table.casPiece(piece, w, PieceWord.withState(w, PieceWord.HAVE))) {
                table.dropDownload(piece);
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
        PieceDownload d = table.downloadOf(piece);
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
        long w = table.word(piece);
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
        int s = PieceWord.state(table.word(p));
        if (s == PieceWord.HAVE) {
            return BlockState.FINISHED;
        }
        PieceDownload d = table.downloadOf(p);
        return d == null ? BlockState.NONE : BlockState.of(BlockWord.state(d.blocks.get(b)));
    }

    /** @return how many peers have the block requested */
    public int requesters(long address) {
        int p = BlockAddress.piece(address);
        int b = BlockAddress.block(address);
        checkBlock(p, b);
        PieceDownload d = table.downloadOf(p);
        if (d == null) {
            return 0;
        }
        long bw = d.blocks.get(b);
        return BlockWord.state(bw) == BlockWord.REQUESTED ? BlockWord.requesters(bw) : 0;
    }

    /** @return whether we have the piece */
    public boolean has(int piece) {
        checkPiece(piece);
        return PieceWord.state(table.word(piece)) == PieceWord.HAVE;
    }

    /** @return counters, each read atomically (not all at one instant) */
    public PickerStats stats() {
        return new PickerStats(pieceCount, table.have(), table.missing(), table.wantedFree(), availability.seeds(), inEndgame());
    }

    /** @return whether we have every piece we want */
    public boolean isComplete() {
        return table.missing() == 0;
    }

    // ------------------------------------------------------------------ internals

    private static void advance(AtomicInteger cursor, int to) {
        int cur;
        while ((cur = cursor.get()) < to) {
            if (cursor.compareAndSet(cur, to)) {
                return;
            }
        }
    }

    private void availabilityChanged() {
        rarest.availabilityChanged();
    }

    int blocks(int p) {
        return table.blocks(p);
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

    // package-private views for the tests' invariant checks
    long pieceWord(int p) {
        return table.word(p);
    }

    PieceDownload downloadOf(int p) {
        return table.downloadOf(p);
    }

    boolean wantedMissingBit(int p) {
        return table.wantedMissing(p);
    }

    boolean activeBit(int p) {
        return table.active(p);
    }

    int rawAvailability(int p) {
        return availability.raw(p);
    }

    int pieceCount() {
        return pieceCount;
    }
}
