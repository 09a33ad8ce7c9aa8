package dev.torrpedo.tracker;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on loopback that answers each request with whatever its script writes:
 * the faults a tracker can commit (silence, 500, garbage, bombs, redirect loops).
 */
final class ScriptedHttpServer implements AutoCloseable {
    /** Answers one request, given its request line, by writing to the channel. */
    interface Script {
        void respond(String requestLine, Channel channel);
    }

    private final Channel server;
    private final ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    final List<String> requests = new CopyOnWriteArrayList<>();

    ScriptedHttpServer(EventLoopGroup group, Script script) {
        server = new ServerBootstrap().group(group).channelFactory(NioServerSocketChannel::new)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        accepted.add(ch);
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            private final StringBuilder head = new StringBuilder();
                            private boolean answered;

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf b = (ByteBuf) msg;
                                try {
                                    head.append(b.toString(StandardCharsets.ISO_8859_1));
                                } finally {
                                    b.release();
                                }
                                if (!answered && head.indexOf("\r\n\r\n") >= 0) {
                                    answered = true;
                                    String line = head.substring(0, head.indexOf("\r\n"));
                                    requests.add(line);
                                    script.respond(line, ctx.channel());
                                }
                            }
                        });
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** Writes {@code head} (CRLF line ends added) and {@code body}, then closes if asked. */
    static void write(Channel ch, String head, byte[] body, boolean close) {
        ByteBuf out = Unpooled.buffer();
        out.writeBytes((head.replace("\n", "\r\n") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        var f = ch.writeAndFlush(out);
        if (close) {
            f.addListener(x -> ch.close());
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        accepted.close().syncUninterruptibly();
    }
}
