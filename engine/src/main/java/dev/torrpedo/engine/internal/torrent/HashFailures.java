package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.Event;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.session.SessionImpl;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a torrent does when a piece fails its hash check: the picker opens the piece again
 * (it is downloaded first, as a partial piece), {@link SmartBan} decides whom to blame, the
 * banned peers are disconnected everywhere in the session and never dialled again, and the
 * other peers are asked to request again.
 *
 * <p>Not thread-safe: the torrent's control loop owns it.
 */
final class HashFailures {
    private static final Logger LOG = LoggerFactory.getLogger(HashFailures.class);

    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final PeerRegistry peers;
    private final PeerDialer dialer;
    private final SmartBan smartBan = new SmartBan();

    HashFailures(TorrentImpl torrent, SessionImpl session, PeerRegistry peers, PeerDialer dialer) {
        this.torrent = torrent;
        this.session = session;
        this.peers = peers;
        this.dialer = dialer;
    }

    /** A peer left: remember its address for blame that comes later. */
    void departed(int pickerId, InetSocketAddress endpoint) {
        smartBan.departed(pickerId, endpoint);
    }

    /** {@code piece} failed its hash check. */
    void failed(PiecePicker picker, int piece) {
        int[] senders = picker.blockSenders(piece);
        picker.pieceFailed(piece);
        torrent.httpSeeds().blame(senders);
        LOG.debug("{}: piece {} failed its hash check", torrent.id(), piece);
        SmartBan.Verdict v = smartBan.failed(senders, pid -> {
            PeerConnection pc = peers.byPickerId(pid);
            return pc == null ? null : pc.endpoint();
        });
        for (InetSocketAddress bad : v.ban()) {
            ban(bad, v.reason());
        }
        for (PeerConnection pc : peers.all()) {
            pc.commands().refill();
        }
    }

    /** Bans {@code address} in the session, disconnects it everywhere, and never dials it again. */
    void ban(InetSocketAddress address, String reason) {
        if (session.bans().ban(address)) {
            LOG.info("{}: banning {}: {}", torrent.id(), address, reason);
            long rev = torrent.touch();
            session.events().publish(new Event.PeerBanned(torrent.id(), rev, address, reason));
        }
        dialer.never(address);
        session.disconnectBanned(address);
    }
}
