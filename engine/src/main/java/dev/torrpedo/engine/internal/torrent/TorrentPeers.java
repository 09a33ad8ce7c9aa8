package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.peer.ConnectionOutcome;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.session.SessionImpl;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Who a torrent is connected to, from its side of each connection: a connection reserved
 * before its handshake, a peer registered once the handshake is done (or refused: the
 * torrent stopped, or it is a duplicate), let go when it ends, and what the dialer learns
 * from each ending; and the addresses learned from trackers, the DHT, local discovery and
 * peer exchange, which go to the dialer.
 *
 * <p>Threading: peers call in from their own loops; the registry and the reservation count
 * are concurrent, and what changes dial or control state is posted to the torrent's control
 * loop.
 */
public final class TorrentPeers {
    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final PeerRegistry peers;
    private final PeerDialer dialer;
    private final HashFailures hashFailures;
    private final ProtocolExtras extras;

    TorrentPeers(TorrentImpl torrent, SessionImpl session, PeerRegistry peers, PeerDialer dialer,
                 HashFailures hashFailures, ProtocolExtras extras) {
        this.torrent = torrent;
        this.session = session;
        this.peers = peers;
        this.dialer = dialer;
        this.hashFailures = hashFailures;
        this.extras = extras;
    }

    // ------------------------------------------------------------------ connections (any thread)

    /** Reserves one of the torrent's connections. @return false at its limit */
    public boolean tryReserve() {
        return peers.tryReserve();
    }

    /** Gives back a connection reserved by {@link #tryReserve()}. */
    public void release() {
        peers.release();
    }

    /**
     * A peer finished its handshake (see {@link PeerRegistry#add} for duplicates).
     *
     * @return whether the connection may go on
     */
    public boolean register(PeerConnection pc) {
        if (!torrent.acceptsPeers() || !peers.add(pc)) {
            return false;
        }
        InetSocketAddress endpoint = pc.endpoint();
        torrent.loop().execute(() -> {
            dialer.connected(endpoint, session.clock().nanos());
            torrent.layers().peerJoined(session.clock().nanos());
        });
        if (!torrent.acceptsPeers()) { // paused or removed meanwhile: the close sweep may have missed it
            unregister(pc);
            return false;
        }
        torrent.touch();
        return true;
    }

    /** A registered peer's connection ended. */
    public void unregister(PeerConnection pc) {
        if (peers.remove(pc)) {
            int pickerId = pc.pickerId();
            InetSocketAddress endpoint = pc.endpoint();
            long connectionId = pc.id();
            extras.gone(connectionId);
            torrent.loop().execute(() -> {
                if (pickerId >= 0) {
                    hashFailures.departed(pickerId, endpoint);
                }
                MagnetPhase magnet = torrent.magnet();
                if (magnet != null) {
                    magnet.peerLeft(connectionId);
                }
                torrent.layers().peerGone(connectionId);
            });
            torrent.touch();
        }
    }

    /** A peer set up its piece machinery after the metadata arrived: the registry learns its picker id. */
    public void piecesSetUp(PeerConnection pc) {
        peers.pickerIdKnown(pc);
    }

    /**
     * A connection ended (whether or not it got past the handshake): the dial bookkeeping.
     *
     * @param outcome what the candidate list should learn
     */
    public void ended(InetSocketAddress endpoint, ConnectionOutcome outcome) {
        torrent.loop().execute(() -> {
            long now = session.clock().nanos();
            dialer.ended(endpoint, outcome, now);
            if (outcome == ConnectionOutcome.RETRY_PLAINTEXT) {
                dialer.dial(now, torrent.maxConnections());
            }
        });
    }

    /** An incoming peer told us the port it listens on: do not dial it while connected. */
    public void listensAt(InetSocketAddress endpoint) {
        torrent.loop().execute(() -> dialer.connected(endpoint, session.clock().nanos()));
    }

    // ------------------------------------------------------------------ addresses

    /** Peers learned from the DHT, local discovery or peer exchange: dialled like a tracker's. Any thread. */
    public void discovered(List<InetSocketAddress> found) {
        if (!found.isEmpty()) {
            torrent.loop().execute(() -> found(found));
        }
    }

    /** Peers from a tracker or a discovery source: dialled while the torrent accepts peers. Control loop. */
    void found(List<InetSocketAddress> found) {
        if (!torrent.acceptsPeers()) {
            return;
        }
        long now = session.clock().nanos();
        dialer.found(found, now);
        dialer.dial(now, torrent.maxConnections());
    }

    /** A peer the user (or a holepunch relay) named: dialled now if there is room. Any thread. */
    void add(InetSocketAddress address) {
        torrent.loop().execute(() -> {
            long now = session.clock().nanos();
            dialer.add(address, now);
            dialer.dial(now, torrent.maxConnections());
        });
    }
}
