package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.internal.pex.PexIntake;
import dev.torrpedo.engine.internal.pex.PexOutbox;
import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.WireException;
import dev.torrpedo.wire.WireLimits;
import dev.torrpedo.wire.extension.ExtendedHandshake;
import dev.torrpedo.wire.extension.ExtensionCodec;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.ExtensionRegistry;
import dev.torrpedo.wire.extension.Holepunch;
import dev.torrpedo.wire.extension.MetadataData;
import dev.torrpedo.wire.extension.MetadataReject;
import dev.torrpedo.wire.extension.MetadataRequest;
import dev.torrpedo.wire.extension.Pex;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;

/**
 * The extension protocol side of one connection (BEP 10): our extension handshake and the
 * peer's, {@code ut_metadata} (BEP 9: serving our info dictionary, and passing the answers
 * to our requests to the torrent's metadata fetch), and {@code ut_pex} (BEP 11: telling the
 * peer about our other peers at most once a minute, and dialling the peers it tells us of).
 *
 * <p>Limits: at most {@link #metadataAllowance} metadata pieces served per peer per
 * {@link #METADATA_WINDOW_NANOS} (more are rejected), and a peer that sends more than
 * {@link #PEX_BURST} PEX messages within {@link PexOutbox#INTERVAL_NANOS} is dropped (as
 * libtorrent does). PEX is off for private torrents and when the setting is off: we then do
 * not announce {@code ut_pex}, so a peer may not send it. The smaller extensions
 * ({@code upload_only}, {@code lt_donthave}, {@code ut_holepunch}) go to {@link PeerSignals}.
 *
 * <p>Not thread-safe: the connection's event loop owns it.
 */
final class PeerExtensions {
    /** Our extensions with peer exchange. */
    static final ExtensionRegistry WITH_PEX = ExtensionRegistry.of(Map.of(
            ExtensionMessage.UT_PEX, 1, ExtensionMessage.UT_METADATA, 2, ExtensionMessage.UPLOAD_ONLY, 3,
            ExtensionMessage.UT_HOLEPUNCH, 4, ExtensionMessage.LT_DONTHAVE, 7));
    /** Our extensions without (private torrents, or the setting off). */
    static final ExtensionRegistry WITHOUT_PEX = ExtensionRegistry.of(Map.of(
            ExtensionMessage.UT_METADATA, 2, ExtensionMessage.UPLOAD_ONLY, 3, ExtensionMessage.UT_HOLEPUNCH, 4,
            ExtensionMessage.LT_DONTHAVE, 7));
    /** The window of the metadata serving limit. */
    static final long METADATA_WINDOW_NANOS = 60_000_000_000L;
    /** PEX messages a peer may send within a minute (libtorrent sends one). */
    static final int PEX_BURST = 3;

    private final PeerConnection connection;
    private final TorrentImpl torrent;
    private final boolean pexOffered;
    private final PeerSignals signals;
    private final ArrayDeque<Long> pexReceived = new ArrayDeque<>(PEX_BURST + 1);
    private ExtensionRegistry registry;
    private PexOutbox outbox;
    private long metadataWindowStart;
    private int metadataServed;
    private boolean windowStarted;

    /**
     * @param connection the connection
     * @param torrent    its torrent (known after the handshake)
     */
    PeerExtensions(PeerConnection connection, TorrentImpl torrent) {
        this.connection = connection;
        this.torrent = torrent;
        this.pexOffered = torrent.pexAllowed();
        this.registry = pexOffered ? WITH_PEX : WITHOUT_PEX;
        this.signals = new PeerSignals(connection, torrent);
    }

    /** @return the ids of this connection's extensions */
    ExtensionRegistry registry() {
        return registry;
    }

    /** @return our extension handshake */
    PeerMessage handshake(Settings s, int listenPort, InetAddress remote) {
        ExtendedHandshake h = signals.withOurState(ExtendedHandshake.of(registry.local())).withClient(Session.CLIENT)
                .withRequestQueue(s.maxIncomingRequests()).withPort(listenPort);
        int size = torrent.infoSize();
        if (size > 0) {
            h = h.withMetadataSize(size);
        }
        if (remote != null) {
            h = h.withYourIp(remote);
        }
        return ExtensionCodec.toWire(h, registry);
    }

    /**
     * An extension message arrived.
     *
     * @throws dev.torrpedo.wire.WireException if it is malformed, over its limit, or has an id we did not announce
     */
    void received(PeerMessage.Extended m, long now) {
        Optional<ExtensionMessage> decoded;
        try {
            decoded = ExtensionCodec.fromWire(m, registry, WireLimits.DEFAULT);
        } catch (WireException e) {
            if (!torrent.hasMetadata() && ExtensionMessage.UT_METADATA.equals(registry.localName(m.extendedId())
                    .orElse(null))) {
                torrent.magnet().strike(connection, "a malformed metadata piece: " + e.getMessage()); // it would poison the fetch
            }
            throw e;
        }
        if (decoded.isEmpty()) {
            return;
        }
        ExtensionMessage e = decoded.get();
        if (e instanceof ExtendedHandshake h) {
            handshake(h);
        } else if (e instanceof MetadataRequest req) {
            serveMetadata(req.piece(), now);
        } else if ((e instanceof MetadataData || e instanceof MetadataReject) && !torrent.hasMetadata()) {
            torrent.magnet().answered(connection, e);
        } else if (e instanceof Pex p) {
            pex(p, now);
        } else {
            signals.on(e);
        }
    }

    private void handshake(ExtendedHandshake h) {
        registry = registry.withRemote(h.extensions());
        connection.peerExtensions(registry);
        h.requestQueue().ifPresent(connection::peerQueues);
        h.client().ifPresent(connection::peerClient);
        if (h.port().isPresent() && !connection.peerListensOn(h.port().getAsInt())) {
            return; // banned: closed
        }
        if (registry.remoteId(ExtensionMessage.UT_METADATA).isPresent() && h.metadataSize().isPresent()
                && !torrent.hasMetadata()) {
            torrent.magnet().offered(connection, h.metadataSize().getAsLong());
        }
        if (pexOffered && outbox == null && registry.remoteId(ExtensionMessage.UT_PEX).isPresent()) {
            outbox = new PexOutbox();
        }
        signals.handshake(h); // last: it may close the connection (both only upload)
    }

    /** @return how many metadata pieces one peer may have per window: twice the dictionary, at least 64 */
    static int metadataAllowance(int infoSize) {
        int pieces = (infoSize + MetadataPieces.PIECE - 1) / MetadataPieces.PIECE;
        return Math.max(64, 2 * pieces);
    }

    private void serveMetadata(int piece, long now) {
        if (registry.remoteId(ExtensionMessage.UT_METADATA).isEmpty()) {
            return;
        }
        Torrent t = torrent.torrent();
        if (!windowStarted || now - metadataWindowStart >= METADATA_WINDOW_NANOS) {
            windowStarted = true;
            metadataWindowStart = now;
            metadataServed = 0;
        }
        ExtensionMessage answer;
        if (t == null || ++metadataServed > metadataAllowance(torrent.infoSize())) {
            answer = new MetadataReject(Math.max(0, piece));
        } else {
            answer = MetadataPieces.answer(t, piece);
        }
        connection.send(ExtensionCodec.toWire(answer, registry));
    }

    private void pex(Pex p, long now) {
        if (!torrent.pexAllowed()) {
            return;
        }
        if (pexReceived.size() >= PEX_BURST && now - pexReceived.peekFirst() < PexOutbox.INTERVAL_NANOS) {
            connection.violation("peer exchange messages too often");
            return;
        }
        pexReceived.addLast(now);
        if (pexReceived.size() > PEX_BURST) {
            pexReceived.removeFirst();
        }
        torrent.swarm().discovered(PexIntake.accept(p, connection.remoteAddress()));
    }

    /** Every second: our PEX message, when one is due. */
    void tick(long now) {
        if (outbox == null || !outbox.due(now) || !torrent.pexAllowed()
                || registry.remoteId(ExtensionMessage.UT_PEX).isEmpty()) {
            return;
        }
        Pex m = outbox.next(torrent.pexPeers(connection), now);
        if (m != null) {
            connection.send(ExtensionCodec.toWire(m, registry));
        }
    }

    /** Asks the peer for a piece of the metadata, if it speaks {@code ut_metadata}. */
    void requestMetadata(int piece) {
        if (registry.remoteId(ExtensionMessage.UT_METADATA).isPresent()) {
            connection.send(ExtensionCodec.toWire(new MetadataRequest(piece), registry));
        }
    }

    /** Our state changed (completed, or wants more again): tell a peer that speaks upload_only. */
    void stateChanged() {
        signals.stateChanged(registry);
    }

    /** We lost a piece: tell a peer that speaks lt_donthave. */
    void pieceLost(int piece) {
        signals.pieceLost(piece, registry);
    }

    /** @return whether the holepunch message was sent (the peer speaks ut_holepunch) */
    boolean holepunch(Holepunch m) {
        if (registry.remoteId(ExtensionMessage.UT_HOLEPUNCH).isEmpty()) {
            return false;
        }
        connection.send(ExtensionCodec.toWire(m, registry));
        return true;
    }
}
