package dev.torrpedo.engine.internal.webseed;

import dev.torrpedo.tracker.LocalAddresses;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;

/**
 * The HTTP/1.1 client of one web seed: one range GET at a time on a kept-alive connection
 * (a new one for another host, after a redirect, or when the server closes), the reply
 * streamed to a {@link Listener} without being gathered. Host names are resolved without
 * blocking; the listener vets each address before a connection is made (local addresses,
 * the IP filter). A request with no bytes for {@link #TIMEOUT_SECONDS} fails.
 *
 * <p>Threading: the loop it was made with; every callback comes on it.
 */
final class HttpFetch {
    static final int TIMEOUT_SECONDS = 30;
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADER_SIZE = 16 * 1024;
    static final int MAX_CHUNK = 64 * 1024;

    /** What the web seed hears. */
    interface Listener {
        /** @return whether a connection to {@code address} may be made (if not, the listener has failed the request) */
        boolean allowed(InetAddress address, boolean local);

        /** The status line and headers arrived. */
        void headers(HttpResponse response);

        /** Body bytes arrived (read them now; not retained); {@code received} counts the body so far. */
        void content(ByteBuf data, long received);

        /** The reply is complete after {@code received} body bytes. */
        void end(long received);

        /** The request failed (connection, timeout, malformed reply). */
        void error(String reason);
    }

    private final WebSeedHttp http;
    private final EventLoop loop;
    private final Listener listener;
    private Channel channel;
    private String channelKey;
    private boolean reusable;
    private boolean inFlight;
    private boolean autoRead = true;
    private long received;
    private int generation;

    HttpFetch(WebSeedHttp http, EventLoop loop, Listener listener) {
        this.http = http;
        this.loop = loop;
        this.listener = listener;
    }

    /**
     * Asks for {@code length} bytes of {@code url} from {@code first}.
     *
     * @param fresh whether to open a new connection (after a redirect)
     */
    void get(URI url, long first, long length, boolean fresh) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("https");
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String literal = url.getHost();
        // an IPv6 literal comes in brackets: bare for the resolver, TLS and the Host header (which adds them)
        String host = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1)
                : literal;
        String key = scheme + "://" + host + ":" + port;
        FullHttpRequest request = request(url, host, port, tls, first, length);
        received = 0;
        inFlight = true;
        if (!fresh && reusable && channel != null && channel.isActive() && key.equals(channelKey)) {
            send(request);
            return;
        }
        close();
        inFlight = true;
        int gen = generation;
        Future<InetSocketAddress> resolved;
        try {
            resolved = http.resolver().getResolver(loop).resolve(InetSocketAddress.createUnresolved(host, port));
        } catch (RuntimeException e) {
            request.release();
            listener.error("cannot resolve " + host + ": " + e);
            return;
        }
        resolved.addListener(f -> {
            if (gen != generation) {
                request.release();
                return;
            }
            if (!f.isSuccess()) {
                request.release();
                listener.error("cannot resolve " + host + ": " + f.cause());
                return;
            }
            InetSocketAddress address = resolved.getNow();
            if (!listener.allowed(address.getAddress(), LocalAddresses.isLocal(address.getAddress()))) {
                request.release();
                return;
            }
            connect(address, host, port, tls, key, request, gen);
        });
    }

    private void connect(InetSocketAddress address, String host, int port, boolean tls, String key,
                         FullHttpRequest request, int gen) {
        Bootstrap b = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_SECONDS * 1000)
                .option(ChannelOption.AUTO_READ, autoRead)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls) {
                            ch.pipeline().addLast("tls", http.ssl().newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline().addLast("http", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK));
                        ch.pipeline().addLast("idle", new IdleStateHandler(TIMEOUT_SECONDS, 0, 0));
                        ch.pipeline().addLast("reply", new Reply(gen));
                    }
                });
        ChannelFuture cf = b.connect(address);
        channel = cf.channel();
        channelKey = key;
        reusable = true;
        cf.addListener((ChannelFuture f) -> {
            if (gen != generation) {
                request.release();
                f.channel().close();
                return;
            }
            if (!f.isSuccess()) {
                request.release();
                listener.error("cannot connect to " + address + ": " + f.cause());
                return;
            }
            send(request);
        });
    }

    private void send(FullHttpRequest request) {
        channel.writeAndFlush(request).addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && inFlight && f.channel() == channel) {
                listener.error("sending the request failed: " + f.cause());
            }
        });
    }

    private FullHttpRequest request(URI url, String host, int port, boolean tls, long first, long length) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path, Unpooled.EMPTY_BUFFER);
        boolean defaultPort = port == (tls ? 443 : 80);
        r.headers().set(HttpHeaderNames.HOST, (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port));
        r.headers().set(HttpHeaderNames.RANGE, "bytes=" + first + "-" + (first + length - 1));
        r.headers().set(HttpHeaderNames.USER_AGENT, http.userAgent());
        r.headers().set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        return r;
    }

    /** Stops (or resumes) reading the reply: back-pressure from the disk queue or the rate limit. */
    void setAutoRead(boolean on) {
        autoRead = on;
        if (channel != null && channel.isActive()) {
            channel.config().setAutoRead(on);
        }
    }

    /** Closes the connection; nothing more is heard from it. */
    void close() {
        generation++;
        inFlight = false;
        if (channel != null) {
            channel.close();
            channel = null;
        }
        channelKey = null;
        reusable = false;
    }

    /** The reply handler of one connection: passes what it reads on while its generation is current. */
    private final class Reply extends SimpleChannelInboundHandler<HttpObject> {
        private final int gen;

        Reply(int gen) {
            this.gen = gen;
        }

        private boolean current(ChannelHandlerContext ctx) {
            return gen == generation && ctx.channel() == channel;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
            if (!current(ctx)) {
                return;
            }
            if (msg.decoderResult().isFailure()) {
                fail(ctx, "a malformed reply: " + msg.decoderResult().cause());
                return;
            }
            if (msg instanceof HttpResponse r) {
                reusable = HttpUtil.isKeepAlive(r);
                if (!inFlight) {
                    fail(ctx, "a reply nobody asked for");
                    return;
                }
                listener.headers(r);
            }
            if (msg instanceof HttpContent c && current(ctx) && inFlight) {
                ByteBuf data = c.content();
                received += data.readableBytes();
                if (data.isReadable()) {
                    listener.content(data, received);
                }
                if (msg instanceof LastHttpContent && current(ctx) && inFlight) {
                    inFlight = false;
                    if (!reusable) {
                        ctx.close();
                        channel = null;
                        channelKey = null;
                    }
                    listener.end(received);
                }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent && current(ctx) && inFlight) {
                fail(ctx, "nothing received for " + TIMEOUT_SECONDS + " s");
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (current(ctx)) {
                channel = null;
                channelKey = null;
                if (inFlight) {
                    inFlight = false;
                    listener.error("the server closed the connection");
                }
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (current(ctx)) {
                fail(ctx, cause.toString());
            } else {
                ctx.close();
            }
        }

        private void fail(ChannelHandlerContext ctx, String reason) {
            inFlight = false;
            channel = null;
            channelKey = null;
            ctx.close();
            listener.error(reason);
        }
    }
}
