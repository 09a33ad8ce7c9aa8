package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.wire.PeerMessage;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * The BEP 52 hash messages of one connection. A {@code hash request} is answered from the
 * torrent's piece layers ({@code HashTrees}, which may build a tree off the loop first), at
 * most {@link #MAX_PENDING} at a time, the rest refused; {@code hashes} and {@code hash
 * reject} go to the torrent, which asked for them when it lacks layers. On a connection that
 * is not v2 (a v1 handshake that was not upgraded) every request is refused and answers are
 * ignored.
 *
 * <p>Threading: the connection's event loop only.
 */
final class PeerHashes {
    /** Requests being answered at once for one peer; more are refused. */
    static final int MAX_PENDING = 32;

    private final PeerConnection connection;
    private final ChannelHandlerContext ctx;
    private final TorrentImpl torrent;
    private final boolean v2;
    private int pending;

    PeerHashes(PeerConnection connection, ChannelHandlerContext ctx, TorrentImpl torrent, boolean v2) {
        this.connection = connection;
        this.ctx = ctx;
        this.torrent = torrent;
        this.v2 = v2;
    }

    /** A HASH_REQUEST, HASHES or HASH_REJECT arrived. */
    void onMessage(PeerMessage m) {
        switch (m.type()) {
            case HASH_REQUEST:
                request((PeerMessage.HashRequest) m);
                break;
            case HASHES:
                if (v2) {
                    torrent.hashesFrom(connection, (PeerMessage.Hashes) m);
                }
                break;
            case HASH_REJECT:
                if (v2) {
                    torrent.hashRejectFrom(connection, (PeerMessage.HashReject) m);
                }
                break;
            default:
                throw new IllegalArgumentException("not a hash message: " + m.type());
        }
    }

    private void request(PeerMessage.HashRequest r) {
        if (!v2 || pending >= MAX_PENDING) {
            connection.send(reject(r));
            return;
        }
        CompletableFuture<PeerMessage> answer;
        try {
            answer = torrent.hashTrees().answer(r);
        } catch (RejectedExecutionException closing) {
            connection.send(reject(r));
            return;
        }
        if (answer.isDone()) {
            connection.send(answer.isCompletedExceptionally() ? reject(r) : answer.join());
            return;
        }
        pending++;
        answer.whenComplete((m, e) -> {
            try {
                ctx.executor().execute(() -> {
                    pending--;
                    if (connection.canSend()) {
                        connection.send(e == null ? m : reject(r));
                        ctx.flush();
                    }
                });
            } catch (RejectedExecutionException closing) {
                // the loop is shutting down with the session
            }
        });
    }

    private static PeerMessage reject(PeerMessage.HashRequest r) {
        return new PeerMessage.HashReject(r.piecesRoot(), r.baseLayer(), r.index(), r.length(), r.proofLayers());
    }
}
