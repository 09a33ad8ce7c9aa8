package dev.torrpedo.engine.internal.request;

import dev.torrpedo.engine.internal.picker.BlockAddress;
import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.Received;
import dev.torrpedo.engine.internal.rate.RateMeter;
import java.util.Arrays;
import java.util.Objects;

/**
 * Our outstanding requests to one peer: how many to keep in flight, which blocks to ask for
 * next, and what to give back to the picker when the peer rejects, times out, chokes or goes.
 *
 * <p>Depth: enough requests to cover {@link #QUEUE_SECONDS} seconds at the peer's measured
 * download rate, in 16 KiB blocks, at least {@link #MIN_DEPTH}, at most the peer's
 * {@code reqq} (BEP 10) and our {@link #MAX_OUTSTANDING}.
 *
 * <p>Timeout: a request times out when {@link #REQUEST_TIMEOUT_NANOS} pass since it was sent
 * and since the peer last delivered any block. A peer that keeps delivering never times out
 * its deep queue; a peer that stalls loses every request and is marked snubbed until it
 * delivers again.
 *
 * <p>Threading: one queue per peer connection, used only from that connection's event loop.
 * Time is passed in (nanoseconds, as {@link RateMeter} takes it).
 */
public final class RequestQueue {
    /** Our cap on outstanding requests to one peer. */
    public static final int MAX_OUTSTANDING = 500;
    /** What we assume a peer queues when its extension handshake has no {@code reqq}. */
    public static final int DEFAULT_PEER_REQQ = 250;
    /** The fewest requests kept in flight, so a new or slow peer can show its speed. */
    public static final int MIN_DEPTH = 4;
    /** Seconds of transfer the queue covers at the measured rate. */
    public static final int QUEUE_SECONDS = 2;
    /** A request with no progress from the peer for this long is given back: 60 s. */
    public static final long REQUEST_TIMEOUT_NANOS = 60_000_000_000L;

    private final PiecePicker picker;
    private final PickerPeer peer;
    private final PieceGeometry geometry;
    private final RateMeter rate;
    private final long timeoutNanos;
    /*
     * Sized to need, up to MAX_OUTSTANDING: a connection that never downloads (seeding, or a
     * peer with nothing we want) keeps none of the 16 KB four full arrays would cost.
     */
    private long[] addresses = NONE;
    private long[] sentAt = NONE;
    private long[] pickBuffer = NONE;
    private int size;
    private int peerReqq = DEFAULT_PEER_REQQ;
    private long lastDelivery = Long.MIN_VALUE;
    private boolean snubbed;
    private long timeouts;
    private long rejects;
    private long unrequested;
    private long late;
    /** Addresses we stopped waiting for (timed out, cancelled, voided by a choke), newest last; made when first needed. */
    private long[] released = NONE;
    private int releasedNext;
    private static final long[] NONE = new long[0];
    /** The first size of the request arrays; they double from there. */
    private static final int FIRST_CAPACITY = 16;

    /**
     * @param picker   the torrent's picker
     * @param peer     the peer's picker handle
     * @param nowNanos the time the connection started (the rate meter's origin)
     */
    public RequestQueue(PiecePicker picker, PickerPeer peer, long nowNanos) {
        this(picker, peer, nowNanos, REQUEST_TIMEOUT_NANOS);
    }

    /**
     * @param picker       the torrent's picker
     * @param peer         the peer's picker handle
     * @param nowNanos     the time the connection started (the rate meter's origin)
     * @param timeoutNanos how long a request may see no progress before it is given back
     */
    public RequestQueue(PiecePicker picker, PickerPeer peer, long nowNanos, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeoutNanos: " + timeoutNanos + " (expected: > 0)");
        }
        this.timeoutNanos = timeoutNanos;
        this.picker = Objects.requireNonNull(picker, "picker");
        this.peer = Objects.requireNonNull(peer, "peer");
        this.geometry = picker.geometry();
        this.rate = new RateMeter(nowNanos);
    }

    /**
     * The sizing rule: {@code ceil(rate x 2 s / 16 KiB)}, at least {@link #MIN_DEPTH}, at most
     * {@code min(peerReqq, 500)}.
     *
     * @param bytesPerSecond the peer's measured download rate
     * @param peerReqq       how many requests the peer queues ({@code reqq})
     */
    public static int depthFor(long bytesPerSecond, int peerReqq) {
        long blocks = (Math.max(0, bytesPerSecond) * QUEUE_SECONDS + PieceGeometry.BLOCK_SIZE - 1) / PieceGeometry.BLOCK_SIZE;
        int cap = Math.max(1, Math.min(peerReqq, MAX_OUTSTANDING));
        return (int) Math.min(cap, Math.max(MIN_DEPTH, blocks));
    }

    /** The peer's {@code reqq} from its extension handshake (BEP 10); non-positive is ignored. */
    public void setPeerReqq(int reqq) {
        if (reqq > 0) {
            peerReqq = reqq;
        }
    }

    /** @return how many requests to keep in flight now */
    public int targetDepth(long nowNanos) {
        return depthFor(rate.rate(nowNanos), peerReqq);
    }

    /**
     * Picks blocks to bring the queue to its target depth and records them as sent now. The
     * caller sends a REQUEST for each address written to {@code out} (length 500 is always
     * enough). Nothing is picked while snubbed beyond one request, to probe the peer.
     *
     * @return how many addresses were written to {@code out}
     */
    public int fill(long[] out, long nowNanos) {
        int target = snubbed ? 1 : targetDepth(nowNanos);
        int want = Math.min(target - size, out.length);
        if (want <= 0) {
            return 0;
        }
        ensureCapacity(size + want);
        int n = picker.pick(peer, pickBuffer, want);
        for (int i = 0; i < n; i++) {
            long a = BlockAddress.address(pickBuffer[i]);
            addresses[size] = a;
            sentAt[size] = nowNanos;
            size++;
            out[i] = a;
        }
        return n;
    }

    /**
     * A PIECE message arrived with this block. The queue forgets the request, measures the
     * rate, and asks the picker whether to write it. A block we stopped waiting for (timed
     * out, cancelled, voided by a choke) is counted in {@link #lateBlocks()}; one we never
     * requested in {@link #unrequestedBlocks()}, which BEP 6 says closes the connection. Both
     * are still offered to the picker, which accepts them if they are needed.
     */
    public Received received(long address, long nowNanos) {
        int i = indexOf(address);
        if (i >= 0) {
            removeAt(i);
        } else if (forgetReleased(address)) {
            late++;
        } else {
            unrequested++;
        }
        lastDelivery = nowNanos;
        snubbed = false;
        rate.add(geometry.blockLength(BlockAddress.piece(address), BlockAddress.block(address)), nowNanos);
        return picker.received(peer, address);
    }

    /**
     * A REJECT REQUEST (BEP 6): the block goes back to the picker.
     *
     * @return false if we had not requested it (a protocol violation)
     */
    public boolean rejected(long address) {
        int i = indexOf(address);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        rejects++;
        picker.release(peer, address);
        return true;
    }

    /**
     * Another peer delivered this block first (endgame, {@link Received#cancelPeers()}).
     *
     * @return whether it was outstanding here, so the caller sends CANCEL
     */
    public boolean cancel(long address) {
        int i = indexOf(address);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        picker.release(peer, address);
        remember(address);
        return true;
    }

    /**
     * Gives back every request that has seen no progress for the timeout ({@link #REQUEST_TIMEOUT_NANOS} by default);
     * if any did, the peer is snubbed until it delivers again. Call it periodically.
     *
     * @return how many requests timed out
     */
    public int expire(long nowNanos) {
        int expired = 0;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            long since = Math.max(sentAt[i], lastDelivery);
            if (nowNanos - since >= timeoutNanos) {
                picker.release(peer, addresses[i]);
                remember(addresses[i]);
                expired++;
            } else {
                addresses[kept] = addresses[i];
                sentAt[kept] = sentAt[i];
                kept++;
            }
        }
        size = kept;
        if (expired > 0) {
            timeouts += expired;
            snubbed = true;
        }
        return expired;
    }

    /**
     * The peer choked us. Without the fast extension every outstanding request is void and
     * goes back to the picker; with it (BEP 6) the peer will reject what it drops, so the
     * queue waits for the REJECTs.
     *
     * @return how many requests were given back
     */
    public int choked(boolean fastExtension) {
        peer.setChoked(true);
        return fastExtension ? 0 : clear();
    }

    /** The peer unchoked us. */
    public void unchoked() {
        peer.setChoked(false);
    }

    /**
     * Forgets every request and gives each back to the picker (the connection is closing;
     * {@link PiecePicker#peerLeft} also releases by scanning, so this is belt and braces).
     *
     * @return how many were outstanding
     */
    public int clear() {
        int n = size;
        for (int i = 0; i < n; i++) {
            picker.release(peer, addresses[i]);
            remember(addresses[i]);
        }
        size = 0;
        return n;
    }

    /** @return how many requests are in flight */
    public int outstanding() {
        return size;
    }

    /** @return whether the address is in flight */
    public boolean isOutstanding(long address) {
        return indexOf(BlockAddress.address(address)) >= 0;
    }

    /** @return whether the peer stalled our requests and has not delivered since */
    public boolean snubbed() {
        return snubbed;
    }

    /** @return the peer's download rate (to us) in bytes per second */
    public long downloadRate(long nowNanos) {
        return rate.rate(nowNanos);
    }

    /** @return requests that timed out so far */
    public long timeouts() {
        return timeouts;
    }

    /** @return requests the peer rejected so far */
    public long rejects() {
        return rejects;
    }

    /** @return blocks that arrived although we never requested them (a BEP 6 violation) */
    public long unrequestedBlocks() {
        return unrequested;
    }

    /** @return blocks that arrived after we had stopped waiting for them */
    public long lateBlocks() {
        return late;
    }

    /** Grows the request arrays to hold {@code needed} (at most {@link #MAX_OUTSTANDING}). */
    private void ensureCapacity(int needed) {
        if (needed <= addresses.length) {
            return;
        }
        int capacity = Math.max(FIRST_CAPACITY, addresses.length);
        while (capacity < needed) {
            capacity *= 2;
        }
        capacity = Math.min(capacity, MAX_OUTSTANDING);
        addresses = Arrays.copyOf(addresses, capacity);
        sentAt = Arrays.copyOf(sentAt, capacity);
        pickBuffer = new long[capacity];
    }

    private void remember(long address) {
        if (released.length == 0) {
            released = new long[MAX_OUTSTANDING];
            Arrays.fill(released, -1);
        }
        released[releasedNext] = address;
        releasedNext = (releasedNext + 1) % released.length;
    }

    private boolean forgetReleased(long address) {
        for (int i = 0; i < released.length; i++) {
            if (released[i] == address) {
                released[i] = -1;
                return true;
            }
        }
        return false;
    }

    private int indexOf(long address) {
        for (int i = 0; i < size; i++) {
            if (addresses[i] == address) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        int tail = size - i - 1;
        if (tail > 0) {
            System.arraycopy(addresses, i + 1, addresses, i, tail);
            System.arraycopy(sentAt, i + 1, sentAt, i, tail);
        }
        size--;
    }
}
