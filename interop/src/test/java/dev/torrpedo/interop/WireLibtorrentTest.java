package dev.torrpedo.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.wire.Handshake;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.PeerWire;
import dev.torrpedo.wire.Reserved;
import dev.torrpedo.wire.TorrentIndex;
import dev.torrpedo.wire.WireLimits;
import dev.torrpedo.wire.WireOptions;
import dev.torrpedo.wire.extension.ExtendedHandshake;
import dev.torrpedo.wire.extension.ExtensionCodec;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.ExtensionRegistry;
import dev.torrpedo.wire.extension.MetadataData;
import dev.torrpedo.wire.extension.MetadataRequest;
import dev.torrpedo.wire.mse.CryptoMethod;
import dev.torrpedo.wire.mse.EncryptionEstablished;
import dev.torrpedo.wire.mse.EncryptionPolicy;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our wire against python3-libtorrent with encryption required on both sides: the MSE/PE
 * handshake completes with RC4, the BitTorrent handshakes cross, and bitfields go both ways.
 */
class WireLibtorrentTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int PIECES = 16; // 500,000 bytes in 32 KiB pieces

    @TempDir
    Path dir;

    private Path payload;
    private Path torrent;
    private InfoHash infoHash;
    private EventLoopGroup group;

    @BeforeEach
    void setUp() {
        payload = Payloads.file(dir.resolve("data/payload.bin"), 500_000, 11);
        torrent = dir.resolve("payload.torrent");
        String json = RealPeers.run(dir, Duration.ofSeconds(60), RealPeers.PYTHON,
                RealPeers.pythonScript("lt_make_torrent.py").toString(),
                "--mode", "v1", "--piece-size", "32768", "--out", torrent.toString(), payload.toString());
        String v1 = BencodeDecoder.strict().decode(FlatJson.toBencode(json.lines()
                .filter(l -> l.startsWith("{")).findFirst().orElseThrow())).asDictionary().getUtf8("v1");
        infoHash = InfoHash.v1(HexFormat.of().parseHex(v1));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private WireOptions options() {
        return options(EncryptionPolicy.REQUIRE);
    }

    private WireOptions options(EncryptionPolicy policy) {
        // no fast extension: a seed then sends a bitfield rather than have-all
        return WireOptions.of(PeerId.generate(new SecureRandom()), new SecureRandom())
                .withReserved(Reserved.NONE.with(Reserved.EXTENSION_PROTOCOL, true))
                .withEncryption(policy);
    }

    /**
     * libtorrent's three settings against ours: forced RC4 gives RC4; "prefer" on both sides
     * gives plaintext, because libtorrent's responder picks plaintext when offered both (its
     * {@code prefer_rc4} is off by default), which exercises our initiator's plaintext path;
     * plaintext needs no MSE at all.
     */
    @ParameterizedTest(name = "libtorrent {0}, ours {1}")
    @CsvSource({"require, REQUIRE, RC4", "prefer, PREFER, PLAINTEXT", "plain, PLAINTEXT, "})
    void outboundToALibtorrentSeed(String ltEncryption, EncryptionPolicy ours, CryptoMethod expected) throws Exception {
        try (RealPeers.Started lt = RealPeers.libtorrent(dir, torrent, payload.getParent(), ltEncryption)) {
            lt.process().awaitOutput("COMPLETE", DEADLINE);
            Seen seen = new Seen();
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            PeerWire.outbound(c, infoHash, options(ours), seen);
                        }
                    })
                    .connect(new InetSocketAddress("127.0.0.1", lt.port())).sync().channel();
            try {
                if (ours != EncryptionPolicy.PLAINTEXT) {
                    EncryptionEstablished e = (EncryptionEstablished) seen.await(o -> o instanceof EncryptionEstablished, lt);
                    if (expected != null) {
                        assertEquals(expected, e.method());
                    }
                    assertTrue(e.encrypted());
                }
                Handshake h = (Handshake) seen.await(o -> o instanceof Handshake, lt);
                assertEquals(infoHash, h.infoHash());
                assertTrue(h.reserved().extensionProtocol());
                assertEquals("LT", h.peerId().azureusClient().substring(0, 2));

                PeerMessage.Bitfield theirs = (PeerMessage.Bitfield) seen.await(o -> o instanceof PeerMessage.Bitfield, lt);
                theirs.checkPieceCount(PIECES);
                assertEquals(PIECES, theirs.toBitSet().cardinality(), "the seed has every piece");

                PeerMessage.Extended ext = (PeerMessage.Extended) seen.await(
                        o -> o instanceof PeerMessage.Extended x && x.extendedId() == 0, lt);
                ExtendedHandshake eh = (ExtendedHandshake) ExtensionCodec.fromWire(ext, ExtensionRegistry.defaults(),
                        WireLimits.DEFAULT).orElseThrow();
                assertTrue(eh.extensions().containsKey(ExtensionMessage.UT_METADATA), eh.toString());
                assertTrue(eh.metadataSize().isPresent(), eh.toString());

                // our (empty) bitfield, our extended handshake, and interest: the seed unchokes us
                ch.write(PeerMessage.Bitfield.of(new BitSet(), PIECES));
                ch.write(ExtensionCodec.toWire(ExtendedHandshake.of(ExtensionRegistry.defaults().local())
                        .withClient("Torrpedo test"), ExtensionRegistry.defaults()));
                ch.writeAndFlush(PeerMessage.INTERESTED).sync();
                seen.await(o -> o instanceof PeerMessage.Unchoke, lt);
                assertTrue(ch.isActive());

                // BEP 9: fetch the info dictionary with ut_metadata; it must hash to the info hash
                ExtensionRegistry registry = ExtensionRegistry.defaults().withRemote(eh.extensions());
                ch.writeAndFlush(ExtensionCodec.toWire(new MetadataRequest(0), registry)).sync();
                int ourId = registry.localId(ExtensionMessage.UT_METADATA).getAsInt();
                PeerMessage.Extended reply = (PeerMessage.Extended) seen.await(
                        o -> o instanceof PeerMessage.Extended x && x.extendedId() == ourId, lt);
                MetadataData data = (MetadataData) ExtensionCodec.fromWire(reply, registry, WireLimits.DEFAULT).orElseThrow();
                assertEquals(eh.metadataSize().getAsLong(), data.totalSize());
                assertEquals(data.totalSize(), data.data().length, "a small torrent's info dictionary is one piece");
                assertEquals(HexFormat.of().formatHex(infoHash.v1()), HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-1").digest(data.data())));
            } finally {
                ch.close().sync();
                seen.release();
            }
        }
    }

    @Test
    void inboundFromALibtorrentLeecherThatRequiresEncryption() throws Exception {
        TorrentIndex torrents = new TorrentIndex();
        torrents.add(infoHash);
        Seen seen = new Seen();
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        PeerWire.inbound(c, torrents, options(), seen);
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        try (RealPeers.Started lt = RealPeers.libtorrent(dir, torrent, dir.resolve("empty"), "require",
                "127.0.0.1:" + port)) {
            EncryptionEstablished e = (EncryptionEstablished) seen.await(o -> o instanceof EncryptionEstablished, lt);
            assertEquals(CryptoMethod.RC4, e.method());
            assertEquals(infoHash, e.infoHash(), "found by the SKEY hash");
            Handshake h = (Handshake) seen.await(o -> o instanceof Handshake, lt);
            assertEquals(infoHash, h.infoHash());
            // we play a seed: our full bitfield makes the leecher interested
            BitSet all = new BitSet();
            all.set(0, PIECES);
            seen.channel.writeAndFlush(PeerMessage.Bitfield.of(all, PIECES)).sync();
            seen.await(o -> o instanceof PeerMessage.Interested, lt);
        } finally {
            server.close().sync();
            if (seen.channel != null) {
                seen.channel.close().sync();
            }
            seen.release();
        }
    }

    /** Records what the pipeline delivers, from the event loop, for the test thread to poll. */
    private static final class Seen extends ChannelInboundHandlerAdapter {
        final Queue<Object> items = new ConcurrentLinkedQueue<>();
        volatile Channel channel;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            channel = ctx.channel();
            items.add(msg);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            items.add(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            items.add(cause);
        }

        Object await(Predicate<Object> what, RealPeers.Started peer) {
            Object[] found = new Object[1];
            peer.process().await(() -> {
                for (Object o : items) {
                    if (o instanceof Throwable t) {
                        throw new AssertionError("the connection failed", t);
                    }
                    if (what.test(o)) {
                        found[0] = o;
                        return true;
                    }
                }
                return false;
            }, "a message; seen so far: " + List.copyOf(items), DEADLINE);
            return found[0];
        }

        void release() {
            items.forEach(ReferenceCountUtil::release);
            items.clear();
        }
    }
}
