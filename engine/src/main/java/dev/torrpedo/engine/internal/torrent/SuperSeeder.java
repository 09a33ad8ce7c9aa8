package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Super-seeding (BEP 16): a seed that shows each peer only one piece at a time, so the first
 * copies of a new torrent spread to different peers instead of the same popular pieces. A
 * peer sees no bitfield (or HAVE NONE), then a HAVE for the piece chosen for it: among those
 * it lacks, the one offered to the fewest peers, then the rarest, then the lowest. When the
 * peer announces that piece, it is offered another. Requests for pieces not offered to the
 * asker are refused.
 *
 * <p>Thread-safe and lock-free: peers on every loop ask at once (a race may offer a piece
 * twice, which costs nothing but distinctness).
 */
final class SuperSeeder {
    private final AtomicIntegerArray offers;
    private final ConcurrentHashMap<Long, Integer> offered = new ConcurrentHashMap<>();

    SuperSeeder(int pieces) {
        this.offers = new AtomicIntegerArray(pieces);
    }

    /**
     * Chooses the next piece for a peer and records the offer.
     *
     * @return the piece, or -1 if the peer has every piece
     */
    int offer(long connection, PickerPeer peer, PiecePicker picker) {
        int best = -1;
        int bestOffers = Integer.MAX_VALUE;
        int bestAvailability = Integer.MAX_VALUE;
        for (int p = 0; p < offers.length(); p++) {
            if (peer.has(p)) {
                continue;
            }
            int o = offers.get(p);
            int a = picker.availability(p);
            if (o < bestOffers || (o == bestOffers && a < bestAvailability)) {
                best = p;
                bestOffers = o;
                bestAvailability = a;
            }
        }
        Integer before = best < 0 ? offered.remove(connection) : offered.put(connection, best);
        if (before != null) {
            offers.decrementAndGet(before);
        }
        if (best >= 0) {
            offers.incrementAndGet(best);
        }
        return best;
    }

    /** @return whether {@code piece} is the one offered to this peer */
    boolean isOffered(long connection, int piece) {
        Integer p = offered.get(connection);
        return p != null && p == piece;
    }

    /** The peer left: its offer no longer counts. */
    void gone(long connection) {
        Integer p = offered.remove(connection);
        if (p != null) {
            offers.decrementAndGet(p);
        }
    }
}
