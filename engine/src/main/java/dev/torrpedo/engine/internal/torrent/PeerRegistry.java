package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.metainfo.PeerId;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A torrent's connected peers, by connection id, by the picker's id and by peer id, and the
 * count of its connections (established or being dialled) against its limit. Used from every
 * peer's event loop at once: concurrent maps and an atomic counter, no lock.
 */
final class PeerRegistry {
    private final ConcurrentHashMap<Long, PeerConnection> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, PeerConnection> byPickerId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<PeerId, PeerConnection> byPeerId = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final byte[] ourId;
    private final IntSupplier limit;

    /**
     * @param ourId our peer id (to settle connections made both ways at once)
     * @param limit the torrent's connection limit, read at each reservation
     */
    PeerRegistry(PeerId ourId, IntSupplier limit) {
        this.ourId = ourId.bytes();
        this.limit = limit;
    }

    /** Reserves a connection. @return false at the limit */
    boolean tryReserve() {
        int max = limit.getAsInt();
        while (true) {
            int n = reserved.get();
            if (n >= max) {
                return false;
            }
            if (reserved.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a reservation. */
    void release() {
        reserved.decrementAndGet();
    }

    /** @return connections reserved (established or being dialled) */
    int reserved() {
        return reserved.get();
    }

    /**
     * Adds a peer that finished its handshake. A second connection to a peer already
     * connected (same peer id) is refused, except that when the two run in opposite
     * directions both ends keep the one opened by the peer with the greater id, so they
     * agree; the other is closed.
     *
     * @return whether the connection may go on
     */
    boolean add(PeerConnection pc) {
        PeerConnection[] displaced = {null};
        boolean[] accepted = {false};
        byPeerId.compute(pc.peerId(), (k, existing) -> {
            if (existing == null) {
                accepted[0] = true;
                return pc;
            }
            if (existing.outbound() != pc.outbound()) {
                boolean weAreGreater = Arrays.compareUnsigned(ourId, pc.peerId().bytes()) > 0;
                if (pc.outbound() == weAreGreater) {
                    displaced[0] = existing;
                    accepted[0] = true;
                    return pc;
                }
            }
            return existing;
        });
        if (!accepted[0]) {
            return false;
        }
        if (displaced[0] != null) {
            displaced[0].commands().close("a connection the other way replaces it");
        }
        byId.put(pc.id(), pc);
        pickerIdKnown(pc);
        return true;
    }

    /** Indexes the peer by its picker id, once it has one (a magnet link's peers get it with the metadata). */
    void pickerIdKnown(PeerConnection pc) {
        int pickerId = pc.pickerId();
        if (pickerId >= 0 && byId.get(pc.id()) == pc) {
            byPickerId.put(pickerId, pc);
        }
    }

    /** @return whether the peer was registered (and now is not) */
    boolean remove(PeerConnection pc) {
        if (!byId.remove(pc.id(), pc)) {
            return false;
        }
        int pickerId = pc.pickerId();
        if (pickerId >= 0) {
            byPickerId.remove(pickerId, pc);
        }
        byPeerId.remove(pc.peerId(), pc);
        return true;
    }

    /** @return the registered peers */
    Collection<PeerConnection> all() {
        return byId.values();
    }

    /** @return the peer the picker knows by this id, or null */
    PeerConnection byPickerId(int pickerId) {
        return byPickerId.get(pickerId);
    }

    /**
     * @return every registered peer but {@code to} whose listen address we know, with its
     *         BEP 11 flags: what a {@code ut_pex} message to {@code to} may tell
     */
    Map<InetSocketAddress, Integer> pexPeers(PeerConnection to) {
        Map<InetSocketAddress, Integer> out = new LinkedHashMap<>();
        for (PeerConnection pc : byId.values()) {
            if (pc != to && pc.listenAddressKnown()) {
                out.put(pc.endpoint(), pc.pexFlags());
            }
        }
        return out;
    }

    /** @return how many peers are registered */
    int size() {
        return byId.size();
    }

    /** @return how many registered peers have every piece */
    int seeds() {
        int n = 0;
        for (PeerConnection pc : byId.values()) {
            if (pc.isSeed()) {
                n++;
            }
        }
        return n;
    }
}
