package dev.torrpedo.wire;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.wire.mse.EncryptionEstablished;
import dev.torrpedo.wire.mse.EncryptionPolicy;
import dev.torrpedo.wire.mse.MseInitiatorHandler;
import dev.torrpedo.wire.mse.MseResponderHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import java.util.Objects;

/**
 * The entry point: installs the peer wire protocol on a Netty channel, in front of the
 * caller's handler. Call it from a {@code ChannelInitializer} (or on an active channel).
 *
 * <pre>{@code
 * bootstrap.handler(new ChannelInitializer<SocketChannel>() {
 *     protected void initChannel(SocketChannel ch) {
 *         PeerWire.outbound(ch, infoHash, options, new MyPeerHandler());
 *     }
 * });
 * }</pre>
 *
 * The caller's handler then receives, in this order:
 * <ol>
 * <li>at most one {@link EncryptionEstablished} user event (when MSE/PE or its
 *     plaintext detection ran);</li>
 * <li>the remote {@link Handshake} as a message (our handshake has been sent by then);</li>
 * <li>{@link PeerMessage}s. A {@link PeerMessage.Piece} must be released by the handler.</li>
 * </ol>
 * It writes {@link PeerMessage}s with {@code channel.write}/{@code writeAndFlush}. A peer
 * that breaks the protocol or a {@link WireLimits} limit raises a {@link WireException}:
 * the connection is closed and the exception reaches the handler's {@code exceptionCaught}.
 * Timeouts are the caller's: add an {@code IdleStateHandler} before {@link #APP}.
 *
 * <pre>
 * head -&gt; mse -&gt; handshake-encoder -&gt; handshake-decoder -&gt; message-encoder -&gt; message-decoder
 *      -&gt; handshake-exchange -&gt; wire-errors -&gt; peer (the caller's)
 * </pre>
 * The handshake handlers and, once plaintext is chosen, {@code mse} remove themselves.
 */
public final class PeerWire {
    /** Name of the MSE/PE handler. */
    public static final String MSE = "mse";
    /** Name of the one-shot handshake encoder. */
    public static final String HANDSHAKE_ENCODER = "handshake-encoder";
    /** Name of the one-shot handshake decoder. */
    public static final String HANDSHAKE_DECODER = "handshake-decoder";
    /** Name of the message encoder. */
    public static final String MESSAGE_ENCODER = "message-encoder";
    /** Name of the message decoder. */
    public static final String MESSAGE_DECODER = "message-decoder";
    /** Name of the handler that sends our handshake. */
    public static final String HANDSHAKE_EXCHANGE = "handshake-exchange";
    /** Name of the handler that closes a connection on a {@link WireException}. */
    public static final String ERRORS = "wire-errors";
    /** Name of the caller's handler. */
    public static final String APP = "peer";

    private PeerWire() {
    }

    /**
     * Sets up a connection we open for {@code torrent}: MSE/PE as initiator unless the
     * policy is {@link EncryptionPolicy#PLAINTEXT}, our handshake as soon as the channel is
     * active, and the peer's handshake checked to name the same torrent.
     */
    public static void outbound(Channel channel, InfoHash torrent, WireOptions options, ChannelHandler app) {
        Objects.requireNonNull(torrent, "torrent");
        ChannelPipeline p = channel.pipeline();
        if (options.encryption() != EncryptionPolicy.PLAINTEXT) {
            p.addLast(MSE, new MseInitiatorHandler(torrent, options.encryption(), options.random()));
        }
        install(p, TorrentLookup.only(torrent), new HandshakeExchange(torrent, options.reserved(), options.peerId()),
                options, app);
    }

    /**
     * Sets up a connection a peer opened to us: MSE/PE as responder unless the policy is
     * {@link EncryptionPolicy#PLAINTEXT}; the torrent is whichever of {@code torrents} the
     * peer names; our handshake goes out in reply to the peer's.
     */
    public static void inbound(Channel channel, TorrentLookup torrents, WireOptions options, ChannelHandler app) {
        Objects.requireNonNull(torrents, "torrents");
        ChannelPipeline p = channel.pipeline();
        if (options.encryption() != EncryptionPolicy.PLAINTEXT) {
            p.addLast(MSE, new MseResponderHandler(torrents, options.encryption(), options.random()));
        }
        install(p, torrents, new HandshakeExchange(null, options.reserved(), options.peerId()), options, app);
    }

    private static void install(ChannelPipeline p, TorrentLookup lookup, HandshakeExchange exchange, WireOptions options,
                                ChannelHandler app) {
        Objects.requireNonNull(app, "app");
        p.addLast(HANDSHAKE_ENCODER, new HandshakeEncoder());
        p.addLast(HANDSHAKE_DECODER, new HandshakeDecoder(lookup));
        p.addLast(MESSAGE_ENCODER, new PeerMessageEncoder());
        p.addLast(MESSAGE_DECODER, new PeerMessageDecoder(options.limits()));
        p.addLast(HANDSHAKE_EXCHANGE, exchange);
        p.addLast(ERRORS, WireErrorHandler.INSTANCE);
        p.addLast(APP, app);
    }
}
