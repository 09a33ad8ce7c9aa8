package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.extension.Holepunch;
import java.util.List;
import java.util.function.Consumer;

/**
 * What other threads ask of one connection: the torrent's control loop (the choker, verified
 * and lost pieces, completion, priorities, piece layers, metadata), other peers and web
 * seeds (cancel a block delivered elsewhere). Each command is posted to the connection's
 * event loop and does nothing once the connection is closed, or before it has what the
 * command needs.
 *
 * <p>Threading: any thread calls; the bodies run on the connection's event loop, as
 * everything of {@link PeerConnection}.
 */
public final class PeerCommands {
    private final PeerConnection connection;

    PeerCommands(PeerConnection connection) {
        this.connection = connection;
    }

    /** Closes the connection. */
    public void close(String reason) {
        connection.onLoop(() -> connection.closeNow(reason));
    }

    /** We choke (or unchoke) the peer: the choker's decision. */
    public void setChoking(boolean choke) {
        connection.onLoop(() -> {
            if (connection.live() && choke != connection.amChoking()) {
                connection.choking(choke);
                connection.pieces().uploader.setChoking(choke);
                connection.flush();
            }
        });
    }

    /** We verified a piece: tell the peer, and reconsider our interest. */
    public void pieceVerified(int piece) {
        whenLive(p -> p.verified(piece));
    }

    /** The torrent completed: a seed is of no more use; others lose our interest. */
    public void torrentCompleted() {
        connection.onLoop(() -> {
            if (!connection.live()) {
                return;
            }
            if (connection.isSeed()) {
                connection.closeNow("both seeds");
                return;
            }
            connection.extensions().stateChanged();
            connection.pieces().updateInterest();
            connection.flush();
        });
    }

    /** File priorities changed: reconsider interest, requests, and whether we only upload. */
    public void prioritiesChanged() {
        connection.onLoop(() -> {
            if (connection.live()) {
                connection.extensions().stateChanged();
            }
        });
        refill();
    }

    /** We lost these pieces (BEP 54): tell the peer if it speaks lt_donthave; we want them again. */
    public void piecesLost(List<Integer> lost) {
        whenLive(p -> {
            PeerExtensions extensions = connection.extensions();
            for (int piece : lost) {
                extensions.pieceLost(piece);
            }
            extensions.stateChanged();
            p.updateInterest();
            p.fill();
        });
    }

    /** Sends a ut_holepunch message (BEP 55) if the peer speaks it. */
    public void sendHolepunch(Holepunch m) {
        connection.onLoop(() -> {
            if (connection.live() && connection.extensions().holepunch(m)) {
                connection.flush();
            }
        });
    }

    /** Ask the picker for more (a piece failed and its blocks are free again). */
    public void refill() {
        whenLive(p -> {
            p.updateInterest();
            p.fill();
        });
    }

    /** Sends a BEP 52 hash request (the torrent fetches piece layers it lacks). */
    public void requestHashes(PeerMessage.HashRequest request) {
        whenLive(p -> connection.send(request));
    }

    /** Another peer delivered this block first (endgame): cancel ours. */
    public void cancelBlock(long address) {
        whenLive(p -> p.downloader.cancel(address));
    }

    /** Asks the peer for a piece of the torrent's metadata ({@code ut_metadata}). */
    public void requestMetadata(int piece) {
        connection.onLoop(() -> {
            PeerExtensions extensions = connection.extensions();
            if (connection.open() && extensions != null) {
                extensions.requestMetadata(piece);
                connection.flush();
            }
        });
    }

    /**
     * The torrent's metadata arrived and its data was checked: a peer that connected while a
     * magnet link's metadata was fetched gets its piece machinery now, and what it said it
     * has goes to the picker. Does nothing for a peer that has it already.
     */
    public void metadataReady() {
        connection.onLoop(connection::joinPieces);
    }

    /** Runs {@code action} on the loop if the connection is live, then flushes. */
    private void whenLive(Consumer<PeerPieces> action) {
        connection.onLoop(() -> {
            if (connection.live()) {
                action.accept(connection.pieces());
                connection.flush();
            }
        });
    }
}
