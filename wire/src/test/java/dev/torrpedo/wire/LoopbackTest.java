package dev.torrpedo.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.wire.mse.CryptoMethod;
import dev.torrpedo.wire.mse.EncryptionEstablished;
import dev.torrpedo.wire.mse.EncryptionPolicy;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real sockets on loopback, pooled direct buffers: an encrypted connection carries 8 MiB of
 * blocks intact, and the receiver releases each one.
 */
class LoopbackTest {

    @Test
    void eightMegabytesOfBlocksCrossAnEncryptedConnection() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        int blocks = 512;
        byte[] block = new byte[16 * 1024];
        new Random(5).nextBytes(block);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        CompletableFuture<Object> serverCrypto = new CompletableFuture<>();
        try {
            TorrentIndex index = new TorrentIndex();
            index.add(HandshakeTest.HYBRID);
            WireOptions opts = WireOptions.of(PeerWireTest.BOB, PeerWireTest.seeded(1)).withEncryption(EncryptionPolicy.REQUIRE);
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            PeerWire.inbound(ch, index, opts, new ChannelInboundHandlerAdapter() {
                                final MessageDigest md = sha256();
                                int count;

                                @Override
                                public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                                    serverCrypto.complete(evt);
                                }

                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    try {
                                        if (msg instanceof PeerMessage.Piece p) {
                                            ByteBuf b = p.block();
                                            md.update(b.nioBuffer());
                                            if (++count == blocks) {
                                                received.complete(md.digest());
                                            }
                                        }
                                    } finally {
                                        ReferenceCountUtil.release(msg);
                                    }
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    received.completeExceptionally(cause);
                                }
                            });
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            CompletableFuture<Handshake> handshake = new CompletableFuture<>();
            Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            PeerWire.outbound(ch, HandshakeTest.HYBRID,
                                    WireOptions.of(PeerWireTest.ALICE, PeerWireTest.seeded(2)).withEncryption(EncryptionPolicy.PREFER),
                                    new ChannelInboundHandlerAdapter() {
                                        @Override
                                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                            if (msg instanceof Handshake h) {
                                                handshake.complete(h);
                                            }
                                            ReferenceCountUtil.release(msg);
                                        }
                                    });
                        }
                    })
                    .connect(server.localAddress()).sync().channel();
            assertEquals(HandshakeTest.HYBRID, handshake.get(10, TimeUnit.SECONDS).infoHash());
            ByteBuf shared = Unpooled.wrappedBuffer(block);
            for (int i = 0; i < blocks; i++) {
                // the same block buffer goes out many times: encryption must never write into it
                client.write(new PeerMessage.Piece(i, 0, shared.retainedDuplicate()));
                sent.update(block);
            }
            client.flush();
            assertEquals(Wire.hex(sent.digest()), Wire.hex(received.get(20, TimeUnit.SECONDS)));
            assertEquals(new EncryptionEstablished(CryptoMethod.RC4, true, HandshakeTest.HYBRID), serverCrypto.get());
            assertEquals(1, shared.refCnt());
            assertTrue(shared.release());
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
