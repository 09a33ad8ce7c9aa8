package dev.torrpedo.engine;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain HTTP/1.1 file server on loopback (Netty, keep-alive), serving a directory with single byte
 * ranges ({@code Range: bytes=a-b} answered 206), as web seeds expect. Faults a test turns on:
 * wrong bytes, a number of 503s first, and {@code /moved/...} redirected to {@code /...}.
 */
final class FileServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final Path root;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private volatile boolean corrupt;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesServed = new AtomicLong();

    FileServer(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        Files.createDirectories(this.root);
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest r)
                                            throws IOException {
                                        FullHttpResponse response = handle(r);
                                        boolean keepAlive = HttpUtil.isKeepAlive(r);
                                        HttpUtil.setKeepAlive(response, keepAlive);
                                        var f = ctx.writeAndFlush(response);
                                        if (!keepAlive) {
                                            f.addListener(ChannelFutureListener.CLOSE);
                                        }
                                    }
                                });
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
    }

    /** @return {@code http://127.0.0.1:port} followed by {@code path} */
    String url(String path) {
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + path;
    }

    /** Every byte served is flipped from now on (or not). */
    void corrupt(boolean on) {
        corrupt = on;
    }

    /** The next {@code n} requests get 503. */
    void failNext(int n) {
        failuresLeft.set(n);
    }

    /** @return requests received */
    int requests() {
        return requests.get();
    }

    /** @return body bytes sent */
    long bytesServed() {
        return bytesServed.get();
    }

    private FullHttpResponse handle(FullHttpRequest r) throws IOException {
        requests.incrementAndGet();
        String raw = URI.create(r.uri()).getRawPath();
        String path = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return empty(HttpResponseStatus.SERVICE_UNAVAILABLE);
        }
        if (path.startsWith("/moved/")) {
            FullHttpResponse moved = empty(HttpResponseStatus.FOUND);
            moved.headers().set(HttpHeaderNames.LOCATION, raw.substring("/moved".length()));
            return moved;
        }
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return empty(HttpResponseStatus.NOT_FOUND);
        }
        long size = Files.size(file);
        String range = r.headers().get(HttpHeaderNames.RANGE);
        long first = 0;
        long last = size - 1;
        HttpResponseStatus status = HttpResponseStatus.OK;
        if (range != null) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches() || Long.parseLong(m.group(2)) >= size) {
                return empty(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE);
            }
            first = Long.parseLong(m.group(1));
            last = Long.parseLong(m.group(2));
            status = HttpResponseStatus.PARTIAL_CONTENT;
        }
        byte[] body = new byte[(int) (last - first + 1)];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(first);
            in.readFully(body);
        }
        if (corrupt) {
            for (int i = 0; i < body.length; i++) {
                body[i] ^= 0x5a;
            }
        }
        bytesServed.addAndGet(body.length);
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        if (range != null) {
            out.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + size);
        }
        HttpUtil.setContentLength(out, body.length);
        return out;
    }

    private static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        HttpUtil.setContentLength(out, 0);
        return out;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
