package dev.torrpedo.engine.internal.torrent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The peers a torrent may connect to (from trackers, {@code addPeer}, incoming peers' listen
 * ports), with what happened the last times: a failed attempt waits
 * {@link #BASE_BACKOFF_NANOS} doubled per failure (at most {@link #MAX_BACKOFF_NANOS}) and
 * is forgotten after {@link #MAX_FAILURES}; a peer that turned out to be us, or that we must
 * not talk to again, is never dialled again. Bounded by {@link #MAX_CANDIDATES}.
 *
 * <p>Not thread-safe: the torrent's control loop owns it.
 */
final class Candidates {
    static final int MAX_CANDIDATES = 2000;
    static final int MAX_FAILURES = 6;
    static final long BASE_BACKOFF_NANOS = 2_000_000_000L;
    static final long MAX_BACKOFF_NANOS = 300_000_000_000L;
    /** After a connection that worked ends, wait this long before dialling the peer again. */
    static final long RECONNECT_NANOS = 30_000_000_000L;

    /** One peer we know of. */
    static final class Candidate {
        final InetSocketAddress address;
        int failures;
        long retryAt;
        boolean connected;
        boolean plaintext;
        boolean never;

        Candidate(InetSocketAddress address) {
            this.address = address;
        }
    }

    private final LinkedHashMap<InetSocketAddress, Candidate> map = new LinkedHashMap<>();

    /** Adds a peer unless known; a full list drops its oldest idle entry first. */
    void add(InetSocketAddress address, long now) {
        Candidate c = map.get(address);
        if (c != null) {
            return;
        }
        if (map.size() >= MAX_CANDIDATES && !dropOldestIdle()) {
            return;
        }
        c = new Candidate(address);
        c.retryAt = now;
        map.put(address, c);
    }

    private boolean dropOldestIdle() {
        for (Iterator<Candidate> it = map.values().iterator(); it.hasNext(); ) {
            Candidate c = it.next();
            if (!c.connected) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** @return up to {@code max} peers to dial now, oldest first */
    List<Candidate> due(long now, int max) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : map.values()) {
            if (out.size() >= max) {
                break;
            }
            if (!c.connected && !c.never && c.retryAt - now <= 0) {
                out.add(c);
            }
        }
        return out;
    }

    /** @return the candidate at {@code address}, or null */
    Candidate get(InetSocketAddress address) {
        return map.get(address);
    }

    /** A peer connected (either way) from this address: do not dial it while it is. */
    void connected(InetSocketAddress address, long now) {
        add(address, now);
        Candidate c = map.get(address);
        if (c != null) {
            c.connected = true;
        }
    }

    /** The attempt failed before the handshake: back off. */
    void failed(InetSocketAddress address, long now) {
        Candidate c = map.get(address);
        if (c == null) {
            return;
        }
        c.connected = false;
        c.plaintext = false; // the plaintext retry failed too: next time, the session's policy again
        c.failures++;
        if (c.failures > MAX_FAILURES) {
            map.remove(address);
            return;
        }
        long backoff = Math.min(MAX_BACKOFF_NANOS, BASE_BACKOFF_NANOS << Math.min(20, c.failures - 1));
        c.retryAt = now + backoff;
    }

    /** A connection that got past the handshake ended: try again later. */
    void ended(InetSocketAddress address, long now) {
        Candidate c = map.get(address);
        if (c != null) {
            c.connected = false;
            c.failures = 0;
            c.retryAt = now + RECONNECT_NANOS;
        }
    }

    /** The torrent (re)starts: peers whose connections merely ended may be dialled at once. */
    void restart(long now) {
        for (Candidate c : map.values()) {
            if (!c.never && c.failures == 0) {
                c.connected = false;
                c.retryAt = now;
            }
        }
    }

    /** The peer refused MSE/PE: dial it again at once, in plaintext. */
    void retryPlaintext(InetSocketAddress address, long now) {
        Candidate c = map.get(address);
        if (c != null) {
            c.connected = false;
            c.plaintext = true;
            c.retryAt = now;
        }
    }

    /** Never dial this peer again (it is us, or banned, or we both seed). */
    void never(InetSocketAddress address) {
        Candidate c = map.get(address);
        if (c == null) {
            c = new Candidate(address);
            map.put(address, c);
        }
        c.never = true;
        c.connected = false;
    }

    /** @return how many peers are known */
    int size() {
        return map.size();
    }
}
