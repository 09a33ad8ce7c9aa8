package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.peer.ConnectionOutcome;
import dev.torrpedo.engine.internal.session.SessionImpl;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Whom a torrent dials and when: the {@link Candidates} it learns from trackers, the user and
 * incoming peers, dialled while it has room under its connection limit and the session's
 * pace allows, and what each ended connection teaches (back off, retry in plaintext, never
 * again).
 *
 * <p>Not thread-safe: the torrent's control loop owns it.
 */
final class PeerDialer {
    /** Dials started per torrent per tick (a second). */
    static final int DIALS_PER_TICK = 10;

    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final PeerRegistry peers;
    private final Candidates candidates = new Candidates();

    PeerDialer(TorrentImpl torrent, SessionImpl session, PeerRegistry peers) {
        this.torrent = torrent;
        this.session = session;
        this.peers = peers;
    }

    /** Dials due candidates while there is room. */
    void dial(long now, int maxConnections) {
        int room = Math.min(DIALS_PER_TICK, maxConnections - peers.reserved());
        if (room <= 0 || !torrent.acceptsPeers()) {
            return;
        }
        for (Candidates.Candidate c : candidates.due(now, room)) {
            if (session.bans().isBanned(c.address) || session.isFiltered(c.address.getAddress())) {
                candidates.never(c.address);
                continue;
            }
            if (!session.tryDial() || !peers.tryReserve()) {
                return;
            }
            if (!session.tryReserveConnection()) {
                peers.release();
                return;
            }
            c.connected = true;
            session.dial(torrent, c.address, c.plaintext);
        }
    }

    /** Peers from a tracker (ourselves left out). */
    void found(List<InetSocketAddress> found, long now) {
        for (InetSocketAddress a : found) {
            if (!a.isUnresolved() && a.getPort() != 0 && !isUs(a)) {
                candidates.add(a, now);
            }
        }
    }

    private boolean isUs(InetSocketAddress a) {
        return a.getPort() == session.listenPort()
                && (a.getAddress().isLoopbackAddress() || a.getAddress().isAnyLocalAddress());
    }

    /** A peer to dial (from the user). */
    void add(InetSocketAddress address, long now) {
        candidates.add(address, now);
    }

    /** A peer connected from or to this address. */
    void connected(InetSocketAddress address, long now) {
        candidates.connected(address, now);
    }

    /** A connection to or from this address ended. */
    void ended(InetSocketAddress endpoint, ConnectionOutcome outcome, long now) {
        switch (outcome) {
            case FAILED:
                candidates.failed(endpoint, now);
                break;
            case ENDED:
                candidates.ended(endpoint, now);
                break;
            case RETRY_PLAINTEXT:
                candidates.retryPlaintext(endpoint, now);
                break;
            case NEVER:
                candidates.never(endpoint);
                break;
            default:
                throw new AssertionError(outcome);
        }
    }

    /** Never dial this address again. */
    void never(InetSocketAddress address) {
        candidates.never(address);
    }

    /** The torrent (re)starts: connections that merely ended may be dialled again at once. */
    void restart(long now) {
        candidates.restart(now);
    }

    /** @return whether the address is known and not given up on */
    boolean willDial(InetSocketAddress address) {
        Candidates.Candidate c = candidates.get(address);
        return c != null && !c.never && !session.bans().isBanned(address);
    }
}
