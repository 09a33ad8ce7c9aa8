package dev.torrpedo.engine.internal.picker;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * How many connected peers have each piece: a count per piece for the peers that told us
 * piece by piece, and one count of seeds (a seed has every piece, so it adds to all of them
 * without touching each). Each {@link PickerPeer} records what it said, so that what it
 * added can be taken back when it loses a piece or leaves.
 *
 * <p>Threading: lock-free; calls taking a {@link PickerPeer} come from the thread that owns
 * that peer, counts are read from any thread. {@code changed} runs after every change (the
 * picker's rarest-first order is rebuilt lazily from it).
 */
final class PeerAvailability {
    private final int pieceCount;
    private final AtomicIntegerArray counts;
    private final AtomicInteger seeds = new AtomicInteger();
    private final Runnable changed;

    PeerAvailability(int pieceCount, Runnable changed) {
        this.pieceCount = pieceCount;
        this.counts = new AtomicIntegerArray(pieceCount);
        this.changed = changed;
    }

    /** @return how many connected peers have the piece */
    int of(int piece) {
        return counts.get(piece) + seeds.get();
    }

    /** @return the per-piece count alone, without the seeds */
    int raw(int piece) {
        return counts.get(piece);
    }

    /** @return how many connected peers are seeds */
    int seeds() {
        return seeds.get();
    }

    /** A peer's BITFIELD (already checked for its length); a full one makes it a seed. */
    void bitfield(PickerPeer peer, byte[] bitfield) {
        if (peer.left || peer.hasAll) {
            return;
        }
        for (int p = 0; p < pieceCount; p++) {
            if ((bitfield[p >>> 3] & (0x80 >>> (p & 7))) != 0 && peer.set(p)) {
                counts.incrementAndGet(p);
            }
        }
        changed.run();
        if (peer.count == pieceCount) {
            hasAll(peer);
        }
    }

    /** The peer has every piece: its per-piece counts become one seed. */
    void hasAll(PickerPeer peer) {
        if (peer.left || peer.hasAll) {
            return;
        }
        for (int p = 0; p < pieceCount; p++) {
            if (peer.has(p)) {
                counts.decrementAndGet(p);
            }
        }
        Arrays.fill(peer.bits, 0);
        peer.hasAll = true;
        peer.count = pieceCount;
        seeds.incrementAndGet();
        changed.run();
    }

    /** A peer's HAVE; the last piece it lacked makes it a seed. */
    void has(PickerPeer peer, int piece) {
        if (!peer.left && !peer.hasAll && peer.set(piece)) {
            counts.incrementAndGet(piece);
            changed.run();
            if (peer.count == pieceCount) {
                hasAll(peer);
            }
        }
    }

    /**
     * A peer no longer has the piece; a seed stops being one and its other pieces count one
     * by one from now on.
     *
     * @return whether the peer had the piece
     */
    boolean doesNotHave(PickerPeer peer, int piece) {
        if (peer.left || !peer.has(piece)) {
            return false;
        }
        if (peer.hasAll) {
            peer.hasAll = false;
            seeds.decrementAndGet();
            peer.count = 0;
            for (int p = 0; p < pieceCount; p++) {
                if (p != piece && peer.set(p)) {
                    counts.incrementAndGet(p);
                }
            }
        } else {
            peer.clear(piece);
            counts.decrementAndGet(piece);
        }
        changed.run();
        return true;
    }

    /**
     * The peer is gone: what it had no longer counts. Later calls with it do nothing.
     *
     * @return false if it had left already
     */
    boolean left(PickerPeer peer) {
        if (peer.left) {
            return false;
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
                    counts.decrementAndGet(p);
                }
            }
        }
        changed.run();
        return true;
    }
}
