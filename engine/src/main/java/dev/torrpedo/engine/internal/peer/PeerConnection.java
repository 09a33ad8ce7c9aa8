package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.engine.Encryption;
import dev.torrpedo.engine.PeerInfo;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.internal.choke.ChokePeer;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.wire.Handshake;
import dev.torrpedo.wire.MessageType;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.Reserved;
import dev.torrpedo.wire.WireException;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.ExtensionRegistry;
import dev.torrpedo.wire.extension.PexPeer;
import dev.torrpedo.wire.mse.CryptoMethod;
import dev.torrpedo.wire.mse.EncryptionEstablished;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer connection: the application handler at the end of the wire pipeline
 * ({@code PeerWire.APP}). It answers the handshake (what we have, the extension handshake,
 * allowed fast pieces), joins the torrent's piece machinery ({@link PeerPieces}: interest,
 * the request pipeline that writes received blocks to storage zero copy and stops reading
 * while the disk queue is over its mark or the download limit says wait, and the upload
 * queue), dispatches the peer's messages, keeps the choke state, and ends the connection
 * with what the torrent should learn from it.
 *
 * <p>Threading: everything runs on the channel's event loop. Other threads (the torrent's
 * control loop, other peers) ask through {@link #commands()}, which post to that loop, and
 * read the volatile snapshot fields.
 */
public final class PeerConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PeerConnection.class);
    /** Read once: per-message tracing costs nothing unless the logger was configured for it. */
    private static final boolean TRACE = LOG.isTraceEnabled();
    private static final long KEEP_ALIVE_NANOS = 60_000_000_000L;
    /** Bytes queued for a peer that does not read before we give up on it. */
    static final long MAX_PENDING_WRITE_BYTES = 4L << 20;

    private final SessionImpl session;
    private final InetSocketAddress remote;
    private final boolean outbound;
    private final Encryption policy;
    private final long id;
    private volatile TorrentImpl torrent;
    private volatile InetSocketAddress endpoint;

    private final PeerCommands commands = new PeerCommands(this);
    private ChannelHandlerContext ctx;
    /** The piece machinery: null until the data is checked (a magnet link's peers wait for the metadata). */
    private PeerPieces pieces;
    /** The extension protocol (after the handshake). */
    private PeerExtensions extensions;
    /** What the peer has, said before a magnet link's metadata arrived; null once applied. */
    private EarlyAvailability early;
    private byte[] wireHash;
    private int peerReqq;
    private volatile boolean v2;
    private volatile boolean holepunch;
    private ScheduledFuture<?> ticker;

    private volatile PeerId peerId;
    private volatile boolean handshakeDone;
    private volatile boolean amChoking = true;
    private volatile boolean peerChoking = true;
    private volatile boolean peerInterested;
    private volatile boolean seed;
    private volatile boolean encrypted;
    private volatile String client = "";
    private volatile int piecesHave;
    private long connectedAt;
    private long lastReceived;
    private long lastSent;
    private boolean fast;
    private boolean extensionProtocol;
    private boolean active;
    private boolean self;
    private boolean registered;
    private boolean torrentReserved;
    private boolean cleaned;
    private String closeReason;

    /**
     * @param torrent  the torrent we dial for, or null for an incoming connection
     * @param remote   the far end
     * @param outbound whether we dialled (then the torrent and the session have reserved a connection)
     * @param policy   the encryption this connection was set up with
     */
    public PeerConnection(SessionImpl session, TorrentImpl torrent, InetSocketAddress remote, boolean outbound,
                          Encryption policy) {
        this.session = session;
        this.torrent = torrent;
        this.remote = remote;
        this.endpoint = remote;
        this.outbound = outbound;
        this.policy = policy;
        this.id = session.nextConnectionId();
        this.torrentReserved = outbound;
    }

    // ------------------------------------------------------------------ read by other threads

    /** @return the connection's id within the session */
    public long id() {
        return id;
    }

    /** @return whether we dialled */
    public boolean outbound() {
        return outbound;
    }

    /** @return the address the peer is known by: where we dialled, or where it says it listens */
    public InetSocketAddress endpoint() {
        return endpoint;
    }

    /** @return the remote peer id (after the handshake) */
    public PeerId peerId() {
        return peerId;
    }

    /** @return the picker's id for this peer, or -1 before it has one (before the handshake or the metadata) */
    public int pickerId() {
        PeerPieces p = pieces;
        return p == null ? -1 : p.pickerPeer.id();
    }

    /** @return whether we know where the peer accepts connections: we dialled it, or it told us its port */
    public boolean listenAddressKnown() {
        return handshakeDone && (outbound || !endpoint.equals(remote));
    }

    /** @return the peer's BEP 11 flags for the PEX messages we send about it */
    public int pexFlags() {
        return (seed ? PexPeer.SEED : 0) | (encrypted ? PexPeer.PREFERS_ENCRYPTION : 0)
                | (outbound ? PexPeer.REACHABLE : 0);
    }

    /** @return whether the connection speaks v2 (BEP 52 hash messages): a v2 handshake, or one upgraded */
    public boolean isV2() {
        return v2;
    }

    /** @return whether the peer speaks ut_holepunch (BEP 55) */
    public boolean supportsHolepunch() {
        return holepunch;
    }

    /** @return whether the peer has every piece */
    public boolean isSeed() {
        return seed;
    }

    /** @return whether we choke the peer */
    public boolean amChoking() {
        return amChoking;
    }

    /** @return the choker's view of this peer now */
    public ChokePeer chokeSnapshot(long nowNanos) {
        PeerPieces p = pieces;
        PeerUploader up = p == null ? null : p.uploader;
        PeerDownloader down = p == null ? null : p.downloader;
        return new ChokePeer(id, peerInterested, !amChoking, up == null ? 0 : up.rate(), down == null ? 0 : down.rate(),
                down != null && down.snubbed(), seed, connectedAt);
    }

    /** @return a snapshot for the public API */
    public PeerInfo info() {
        PeerPieces p = pieces;
        PeerUploader up = p == null ? null : p.uploader;
        PeerDownloader down = p == null ? null : p.downloader;
        int n = p == null ? 1 : p.geometry.pieceCount();
        return new PeerInfo(endpoint, client, encrypted, !outbound, (double) piecesHave / n,
                down == null ? 0 : down.rate(), up == null ? 0 : up.rate(), amChoking, peerInterested, peerChoking,
                p != null && p.amInterested(), down == null ? 0 : down.total(), up == null ? 0 : up.total());
    }

    // ------------------------------------------------------------------ commands from other threads

    /** @return what other threads may ask of this connection (each posted to its loop) */
    public PeerCommands commands() {
        return commands;
    }

    /** Joins the piece machinery after a magnet link's metadata arrived (see {@link PeerCommands#metadataReady()}). */
    void joinPieces() {
        if (!handshakeDone || !registered || cleaned || pieces != null) {
            return;
        }
        TorrentImpl t = torrent;
        pieces = new PeerPieces(this, ctx, t, session, session.current(), fast, v2, peerReqq);
        t.swarm().piecesSetUp(this);
        EarlyAvailability said = early;
        early = null;
        if (pieces.joinedLate(said, remote.getAddress(), wireHash)) {
            ctx.flush();
        }
    }

    /** The dial failed before the connection was up. Called on the channel's loop. */
    public void connectFailed(Throwable cause) {
        LOG.debug("connecting to {} failed: {}", remote, cause.toString());
        closeReason = "connect failed";
        cleanup();
    }

    /** Runs {@code r} on the connection's loop (now, if on it); not before the channel is known, nor once the loop is gone. */
    void onLoop(Runnable r) {
        ChannelHandlerContext c = ctx;
        if (c == null) {
            return;
        }
        EventExecutor ex = c.executor();
        if (ex.inEventLoop()) {
            r.run();
        } else {
            try {
                ex.execute(r);
            } catch (RejectedExecutionException shuttingDown) {
                // the session is closing; the channel goes with it
            }
        }
    }

    /** @return whether the connection is up with its piece machinery (a magnet link's peers get it later) */
    boolean live() {
        return handshakeDone && registered && !cleaned && pieces != null && ctx.channel().isActive();
    }

    /** @return the piece machinery, or null before it is set up */
    PeerPieces pieces() {
        return pieces;
    }

    /** @return the extension protocol, or null before the handshake */
    PeerExtensions extensions() {
        return extensions;
    }

    /** @return whether the handshake is done and the connection has not ended */
    boolean open() {
        return handshakeDone && !cleaned;
    }

    /** We now choke (or unchoke) the peer. */
    void choking(boolean choke) {
        amChoking = choke;
    }

    /** Flushes what was written. */
    void flush() {
        ctx.flush();
    }

    // ------------------------------------------------------------------ channel events

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        if (context.channel().isActive()) {
            started();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        started();
        context.fireChannelActive();
    }

    private void started() {
        if (active) {
            return;
        }
        active = true;
        long now = session.clock().nanos();
        connectedAt = now;
        lastReceived = now;
        lastSent = now;
        ticker = ctx.executor().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof EncryptionEstablished e) {
            encrypted = e.method() == CryptoMethod.RC4;
        }
        context.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        lastReceived = session.clock().nanos();
        if (cleaned) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (msg instanceof Handshake hs) {
                onHandshake(hs);
            } else if (msg instanceof PeerMessage m) {
                if (!registered) { // no handshake yet, or refused (already connected): nothing to apply it to
                    ReferenceCountUtil.release(msg);
                } else {
                    onMessage(m);
                }
            } else {
                ReferenceCountUtil.release(msg);
            }
        } catch (WireException | IndexOutOfBoundsException | IllegalArgumentException e) {
            LOG.debug("{}: closing after a bad message: {}", remote, e.toString());
            closeNow("protocol: " + e.getMessage());
        } catch (RuntimeException e) {
            session.unexpectedError();
            LOG.warn("{}: unexpected error handling {}; closing", remote, msg.getClass().getSimpleName(), e);
            closeNow("error: " + e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        PeerPieces p = pieces;
        if (p != null && p.needsFill() && live()) {
            p.fill();
        }
        context.flush();
        context.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (context.channel().isWritable() && live()) {
            pieces.uploader.serve();
        }
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (closeReason == null) {
            closeReason = cause.toString();
        }
        if (cause instanceof IOException || findWireException(cause)) {
            LOG.debug("{}: {}", remote, cause.toString());
        } else {
            session.unexpectedError();
            LOG.warn("{}: unexpected error; closing", remote, cause);
        }
        context.close();
    }

    private static boolean findWireException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof WireException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (closeReason == null) {
            closeReason = "closed by the peer";
        }
        cleanup();
        context.fireChannelInactive();
    }

    /** Sends what is queued, then closes (a last message, such as upload_only, gets out). */
    void flushAndClose(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(f -> ctx.close());
    }

    void closeNow(String reason) {
        if (closeReason == null) {
            closeReason = reason;
        }
        ctx.close();
    }

    private void cleanup() {
        if (cleaned) {
            return;
        }
        cleaned = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        TorrentImpl t = torrent;
        if (registered) {
            if (pieces != null) {
                pieces.closed();
            }
            t.swarm().unregister(this);
        }
        session.releaseConnection();
        if (torrentReserved) {
            t.swarm().release();
        }
        if (t != null) {
            if (outbound) {
                t.swarm().ended(remote, outcome());
            } else if (!endpoint.equals(remote)) {
                t.swarm().ended(endpoint, ConnectionOutcome.ENDED);
            }
        }
        LOG.debug("{} {}: closed ({})", outbound ? "to" : "from", endpoint, closeReason);
    }

    private ConnectionOutcome outcome() {
        if (self) {
            return ConnectionOutcome.NEVER;
        }
        if (handshakeDone) {
            return ConnectionOutcome.ENDED;
        }
        if (active && policy == Encryption.PREFER) {
            return ConnectionOutcome.RETRY_PLAINTEXT;
        }
        return ConnectionOutcome.FAILED;
    }

    // ------------------------------------------------------------------ handshake

    private void onHandshake(Handshake hs) {
        peerId = hs.peerId();
        if (hs.peerId().equals(session.peerId())) {
            self = true;
            closeNow("connected to ourselves");
            return;
        }
        TorrentImpl t = torrent;
        if (t == null) {
            t = session.activeTorrent(hs.infoHash());
            if (t == null) {
                closeNow("the torrent is not active");
                return;
            }
            if (!t.swarm().tryReserve()) {
                closeNow("the torrent has all the connections it may");
                return;
            }
            torrentReserved = true;
            torrent = t;
        } else if (!t.acceptsPeers()) {
            closeNow("the torrent stopped");
            return;
        }
        Reserved both = hs.reserved().and(ReservedBits.OURS);
        v2 = hs.truncatedV2() || (!outbound && hs.upgradesToV2(ReservedBits.WIRE));
        fast = both.fast();
        extensionProtocol = both.extensionProtocol();
        wireHash = hs.wireHash();
        Settings s = session.current();
        boolean ready = t.piecesReady();
        if (ready) {
            pieces = new PeerPieces(this, ctx, t, session, s, fast, v2, peerReqq);
        }
        extensions = new PeerExtensions(this, t);
        handshakeDone = true;
        if (!t.swarm().register(this)) {
            closeNow("already connected to this peer");
            return;
        }
        registered = true;
        if (ready) {
            pieces.sendBitfield();
        } else {
            early = new EarlyAvailability();
            if (fast) {
                send(PeerMessage.HAVE_NONE); // a magnet link's torrent has nothing yet
            }
        }
        if (extensionProtocol) {
            send(extensions.handshake(s, session.listenPort(), remote.getAddress()));
        }
        if (hs.reserved().dht() && session.dht() != null) {
            send(new PeerMessage.Port(session.listenPort())); // BEP 5: our DHT node shares our port
        }
        if (ready && fast && !t.extras().superSeedingNow()) {
            pieces.sendAllowedFast(remote.getAddress(), wireHash);
        }
        ctx.flush();
        if (!ready && t.piecesReady()) {
            joinPieces(); // the metadata arrived while we registered
        }
    }

    // ------------------------------------------------------------------ messages

    private void onMessage(PeerMessage m) {
        if (TRACE && m.type() != MessageType.PIECE) {
            LOG.trace("{} <- {}", this, m);
        }
        if (pieces == null && early.takes(m, fast, this)) {
            seed = early.hasAll(); // before a magnet link's metadata: kept for later, see EarlyAvailability
            return;
        }
        switch (m.type()) {
            case KEEP_ALIVE:
                break;
            case CHOKE:
                peerChoking = true;
                if (pieces != null) {
                    pieces.choked();
                }
                break;
            case UNCHOKE:
                peerChoking = false;
                if (pieces != null) {
                    pieces.unchoked();
                }
                break;
            case INTERESTED:
            case NOT_INTERESTED:
                boolean interested = m.type() == MessageType.INTERESTED;
                if (interested != peerInterested) { // a repeat changes nothing: no task for the torrent's loop
                    peerInterested = interested;
                    torrent.interestChanged();
                }
                break;
            case EXTENDED:
                extensions.received((PeerMessage.Extended) m, session.clock().nanos());
                break;
            case PORT:
                dhtNode((PeerMessage.Port) m);
                break;
            default:
                // the piece messages (before the metadata EarlyAvailability took those, and hashes
                // prove nothing); unknown ids are ignored
                if (pieces != null) {
                    pieces.onMessage(m);
                }
                break;
        }
    }

    /** BEP 5 {@code PORT}: the peer's DHT node listens on this UDP port of its address. */
    private void dhtNode(PeerMessage.Port p) {
        if (remote.getAddress() != null && p.port() > 0) {
            session.dhtNodeOf(new InetSocketAddress(remote.getAddress(), p.port()));
        }
    }

    /** What the peer has (from its piece machinery): the snapshot other threads read. */
    void peerHas(boolean isSeed, int have) {
        seed = isSeed;
        piecesHave = have;
    }

    /** @return whether the peer chokes us */
    boolean peerChoking() {
        return peerChoking;
    }

    // ------------------------------------------------------------------ for the extension protocol

    /** The peer's {@code reqq} (BEP 10). */
    void peerQueues(int reqq) {
        peerReqq = reqq;
        if (pieces != null) {
            pieces.downloader.peerQueues(reqq);
        }
    }

    /** The peer's extension handshake named its extensions. */
    void peerExtensions(ExtensionRegistry registry) {
        holepunch = registry.remoteId(ExtensionMessage.UT_HOLEPUNCH).isPresent();
    }

    /** The peer's client name ({@code v}). */
    void peerClient(String name) {
        client = name.length() > 64 ? name.substring(0, 64) : name;
    }

    /**
     * The peer said where it accepts connections ({@code p}): an incoming peer is known by
     * that address from now on.
     *
     * @return false if that address is banned (the connection is then closed)
     */
    boolean peerListensOn(int port) {
        if (outbound || remote.getAddress() == null || port <= 0 || port >= 65536) {
            return true;
        }
        endpoint = new InetSocketAddress(remote.getAddress(), port);
        if (session.bans().isBanned(endpoint)) {
            closeNow("banned");
            return false;
        }
        torrent.swarm().listensAt(endpoint);
        return true;
    }

    /** @return the peer's IP address */
    InetAddress remoteAddress() {
        return remote.getAddress();
    }

    // ------------------------------------------------------------------ timers

    private void tick() {
        if (cleaned) {
            return;
        }
        Settings s = session.current();
        long now = session.clock().nanos();
        if (!handshakeDone) {
            if (now - connectedAt >= s.handshakeTimeout().toNanos()) {
                closeNow("no handshake within " + s.handshakeTimeout().toSeconds() + " s");
            }
            return;
        }
        if (!registered) {
            return;
        }
        if (now - lastReceived >= s.peerTimeout().toNanos()) {
            closeNow("nothing received for " + s.peerTimeout().toSeconds() + " s");
            return;
        }
        if (pieces != null) {
            pieces.tick(now);
        }
        extensions.tick(now);
        if (now - lastSent >= Math.min(KEEP_ALIVE_NANOS, s.peerTimeout().toNanos() / 2)) {
            send(PeerMessage.KEEP_ALIVE);
        }
        ctx.flush();
    }

    // ------------------------------------------------------------------ for the uploader

    /**
     * Writes a message (flushed later). A peer that stops reading while it keeps asking us
     * for answers (rejects, haves) would grow our outbound buffer: past
     * {@link #MAX_PENDING_WRITE_BYTES} the connection is closed instead.
     */
    void send(PeerMessage m) {
        Channel ch = ctx.channel();
        if (!ch.isWritable()) {
            ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
            if (out != null && out.totalPendingWriteBytes() > MAX_PENDING_WRITE_BYTES) {
                ReferenceCountUtil.release(m);
                closeNow("the peer does not read what it asks for");
                return;
            }
        }
        lastSent = session.clock().nanos();
        if (TRACE && m.type() != MessageType.PIECE) {
            LOG.trace("{} -> {}", this, m);
        }
        ctx.write(m, ctx.voidPromise());
    }

    /** Closes for a protocol violation found by the uploader. */
    void violation(String reason) {
        closeNow(reason);
    }

    /** @return whether the connection can still send */
    boolean canSend() {
        return live();
    }

    @Override
    public String toString() {
        return "Peer[" + (outbound ? "to " : "from ") + endpoint + (handshakeDone ? ", " + client : "") + "]";
    }
}
