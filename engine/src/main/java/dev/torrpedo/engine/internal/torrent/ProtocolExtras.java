package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.wire.extension.Holepunch;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A torrent's share of the protocol extras: super-seeding (BEP 16, through a
 * {@link SuperSeeder} while it is on and the torrent seeds) and {@code ut_holepunch}
 * (BEP 55): relaying a peer's rendezvous to another connected peer, and dialling the peer a
 * relay tells us to connect to.
 *
 * <p>Thread-safe: peers of every loop call in.
 */
public final class ProtocolExtras {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolExtras.class);

    private final TorrentImpl torrent;
    private final PeerRegistry peers;
    private volatile SuperSeeder superSeeder;

    ProtocolExtras(TorrentImpl torrent, PeerRegistry peers) {
        this.torrent = torrent;
        this.peers = peers;
    }

    // ------------------------------------------------------------------ super-seeding

    boolean superSeeding() {
        return superSeeder != null;
    }

    void setSuperSeeding(boolean on, int pieces) {
        if (on != (superSeeder != null)) {
            superSeeder = on ? new SuperSeeder(pieces) : null;
        }
    }

    /** @return whether super-seeding applies to a new connection now (on, and seeding) */
    public boolean superSeedingNow() {
        return superSeeder != null && torrent.isSeeding();
    }

    /** @return the next piece to show this peer, or -1 */
    public int offer(long connection, PickerPeer peer, PiecePicker picker) {
        SuperSeeder s = superSeeder;
        return s == null ? -1 : s.offer(connection, peer, picker);
    }

    /** @return whether the peer now has its offered piece (so it gets another) */
    public boolean offerDone(long connection, int piece) {
        SuperSeeder s = superSeeder;
        return s != null && s.isOffered(connection, piece);
    }

    /** @return whether the peer may have {@code piece}: always, unless super-seeding hides it */
    public boolean mayServe(long connection, int piece) {
        SuperSeeder s = superSeeder;
        return s == null || !torrent.isSeeding() || s.isOffered(connection, piece);
    }

    void gone(long connection) {
        SuperSeeder s = superSeeder;
        if (s != null) {
            s.gone(connection);
        }
    }

    // ------------------------------------------------------------------ holepunch

    /** A holepunch message from {@code from}. */
    public void holepunch(PeerConnection from, Holepunch h) {
        switch (h.type()) {
            case RENDEZVOUS:
                relay(from, h.address());
                break;
            case CONNECT:
                LOG.debug("{}: {} asks us to connect to {}", torrent.id(), from, h.address());
                torrent.addPeer(h.address());
                break;
            case ERROR:
                LOG.debug("{}: holepunch to {} through {} failed: error {}", torrent.id(), h.address(), from,
                        h.errorCode());
                break;
            default:
                throw new AssertionError(h.type());
        }
    }

    private void relay(PeerConnection from, InetSocketAddress target) {
        PeerConnection to = null;
        for (PeerConnection pc : peers.all()) {
            if (pc.endpoint().equals(target)) {
                to = pc;
                break;
            }
        }
        if (to == null) {
            from.commands().sendHolepunch(new Holepunch(Holepunch.Type.ERROR, target, Holepunch.E_NOT_CONNECTED));
        } else if (to == from) {
            from.commands().sendHolepunch(new Holepunch(Holepunch.Type.ERROR, target, Holepunch.E_NO_SELF));
        } else if (!to.supportsHolepunch()) {
            from.commands().sendHolepunch(new Holepunch(Holepunch.Type.ERROR, target, Holepunch.E_NO_SUPPORT));
        } else {
            to.commands().sendHolepunch(new Holepunch(Holepunch.Type.CONNECT, from.endpoint(), 0));
            from.commands().sendHolepunch(new Holepunch(Holepunch.Type.CONNECT, target, 0));
        }
    }
}
