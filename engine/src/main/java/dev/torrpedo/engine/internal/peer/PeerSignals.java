package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.wire.extension.DontHave;
import dev.torrpedo.wire.extension.ExtendedHandshake;
import dev.torrpedo.wire.extension.ExtensionCodec;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.ExtensionRegistry;
import dev.torrpedo.wire.extension.Holepunch;
import dev.torrpedo.wire.extension.UploadOnly;

/**
 * The smaller extensions of one connection:
 * <ul>
 * <li>{@code upload_only} (BEP 21): we say so while seeding (in the extended handshake, and
 *     in a message when we complete); a peer that says so while we seed has nothing to do
 *     with us and is dropped;</li>
 * <li>{@code lt_donthave} (BEP 54): a peer's piece it no longer has leaves the picker; ours
 *     that we lost are announced;</li>
 * <li>{@code ut_holepunch} (BEP 55): its messages go to the torrent, which relays and connects.</li>
 * </ul>
 *
 * <p>Threading: the connection's event loop only, but for the volatile flags.
 */
final class PeerSignals {
    private final PeerConnection connection;
    private final TorrentImpl torrent;
    private volatile boolean peerUploadOnly;
    private boolean sentUploadOnly;

    PeerSignals(PeerConnection connection, TorrentImpl torrent) {
        this.connection = connection;
        this.torrent = torrent;
    }

    /** @return whether the peer said it only uploads */
    boolean peerUploadOnly() {
        return peerUploadOnly;
    }

    /** @return our extended handshake with {@code upload_only} set while we seed (not while super-seeding) */
    ExtendedHandshake withOurState(ExtendedHandshake h) {
        sentUploadOnly = uploadOnlyNow();
        return sentUploadOnly ? h.withUploadOnly(true) : h;
    }

    private boolean uploadOnlyNow() {
        return torrent.isSeeding() && !torrent.superSeeding();
    }

    /** The peer's extended handshake arrived (the registry already has its ids). */
    void handshake(ExtendedHandshake h) {
        setPeerUploadOnly(h.uploadOnly());
    }

    /** An extension message other than the handshake, ut_metadata and ut_pex arrived. */
    void on(ExtensionMessage e) {
        if (e instanceof UploadOnly u) {
            setPeerUploadOnly(u.uploadOnly());
        } else if (e instanceof DontHave d) {
            PeerPieces pieces = connection.pieces();
            if (pieces != null) { // ignored before a magnet link's metadata
                pieces.peerLost(d.piece());
            }
        } else if (e instanceof Holepunch h) {
            torrent.extras().holepunch(connection, h);
        }
    }

    private void setPeerUploadOnly(boolean on) {
        peerUploadOnly = on;
        if (on && torrent.isSeeding()) {
            connection.closeNow("both only upload");
        }
    }

    /** Our state changed (completed, or wants more again): tell a peer that speaks upload_only. */
    void stateChanged(ExtensionRegistry registry) {
        boolean now = uploadOnlyNow();
        if (now != sentUploadOnly && registry.remoteId(ExtensionMessage.UPLOAD_ONLY).isPresent()) {
            sentUploadOnly = now;
            connection.send(ExtensionCodec.toWire(new UploadOnly(now), registry));
        }
        if (now && peerUploadOnly) {
            connection.flushAndClose("both only upload");
        }
    }

    /** We lost a piece: tell a peer that speaks lt_donthave. */
    void pieceLost(int piece, ExtensionRegistry registry) {
        if (registry.remoteId(ExtensionMessage.LT_DONTHAVE).isPresent()) {
            connection.send(ExtensionCodec.toWire(new DontHave(piece), registry));
        }
    }
}
