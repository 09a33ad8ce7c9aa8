package dev.torrpedo.engine.internal.pex;

import dev.torrpedo.wire.extension.Pex;
import dev.torrpedo.wire.extension.PexPeer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What we tell one peer about the torrent's other peers ({@code ut_pex}, BEP 11): the first
 * message lists the peers connected now, each later one what was added and dropped since,
 * at most {@link #MAX_PEERS_PER_MESSAGE} of each, and never two messages within
 * {@link #INTERVAL_NANOS} (libtorrent drops a peer that sends more often). Nothing is sent
 * when nothing changed.
 *
 * <p>Pure; the connection's event loop owns it. Time is the caller's nanoseconds.
 */
public final class PexOutbox {
    /** The least time between two messages to one peer. */
    public static final long INTERVAL_NANOS = 60_000_000_000L;
    /** The most added (and the most dropped) peers in one message, as libtorrent sends. */
    public static final int MAX_PEERS_PER_MESSAGE = 50;

    /** The addresses the peer has heard of from us, and not heard dropped. */
    private final Set<InetSocketAddress> told = new HashSet<>();
    private long lastSent;
    private boolean sentOnce;

    /** @return whether a message may be sent now (none yet, or the last one a minute ago) */
    public boolean due(long now) {
        return !sentOnce || now - lastSent >= INTERVAL_NANOS;
    }

    /**
     * @param current the torrent's peers worth telling about now (their listen addresses and
     *                {@link PexPeer} flags), without the peer this outbox is for
     * @param now     the time
     * @return the message to send now, or null (too soon, or nothing changed)
     */
    public Pex next(Map<InetSocketAddress, Integer> current, long now) {
        if (!due(now)) {
            return null;
        }
        List<PexPeer> added = new ArrayList<>();
        for (Map.Entry<InetSocketAddress, Integer> e : current.entrySet()) {
            if (added.size() >= MAX_PEERS_PER_MESSAGE) {
                break;
            }
            if (!told.contains(e.getKey())) {
                added.add(new PexPeer(e.getKey(), e.getValue() & 0xFF));
            }
        }
        List<PexPeer> dropped = new ArrayList<>();
        for (InetSocketAddress a : told) {
            if (dropped.size() >= MAX_PEERS_PER_MESSAGE) {
                break;
            }
            if (!current.containsKey(a)) {
                dropped.add(new PexPeer(a, 0));
            }
        }
        if (added.isEmpty() && dropped.isEmpty()) {
            return null;
        }
        for (PexPeer p : added) {
            told.add(p.address());
        }
        for (PexPeer p : dropped) {
            told.remove(p.address());
        }
        sentOnce = true;
        lastSent = now;
        return new Pex(added, dropped);
    }

    /** @return how many peers the peer has heard of from us and not heard dropped */
    public int told() {
        return told.size();
    }
}
