package dev.torrpedo.tracker.internal;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeException;
import dev.torrpedo.bencode.BencodeLimits;
import dev.torrpedo.bencode.BencodeMode;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP tracker request with its redirects, on one event loop: resolve, check the
 * address, connect, GET, collect the body, follow a redirect or finish. Every field but the
 * result is touched only on {@link #loop}.
 */
final class HttpExchange {
    private static final Logger LOG = LoggerFactory.getLogger(HttpExchange.class);
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 16 * 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final NettyHttpTrackerClient client;
    private final URI firstUrl;
    private final EventLoop loop;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private ScheduledFuture<?> timeout;
    private Channel channel;
    private URI url;
    private int redirectsLeft;
    private boolean publicSeen;

    HttpExchange(NettyHttpTrackerClient client, URI url, EventLoop loop) {
        this.client = client;
        this.firstUrl = url;
        this.loop = loop;
    }

    CompletableFuture<byte[]> result() {
        return result;
    }

    void start() {
        loop.execute(() -> {
            if (result.isDone()) {
                return;
            }
            long nanos = client.settings.requestTimeout().toNanos();
            timeout = loop.schedule(() -> fail(TrackerException.of(TrackerError.TIMEOUT,
                    "no complete answer within " + client.settings.requestTimeout())), nanos, TimeUnit.NANOSECONDS);
            redirectsLeft = client.settings.maxRedirects();
            request(firstUrl);
        });
    }

    /** Ends the exchange with {@code e} from any thread. */
    void cancel(TrackerException e) {
        loop.execute(() -> fail(e));
    }

    private void request(URI target) {
        url = target;
        String scheme;
        try {
            scheme = TrackerUrls.scheme(target);
            if (scheme.equals("udp")) {
                throw TrackerException.of(TrackerError.REDIRECT, "redirect to a udp URL: " + target);
            }
        } catch (TrackerException e) {
            fail(e);
            return;
        }
        boolean tls = scheme.equals("https");
        String host = TrackerUrls.host(target);
        int port = TrackerUrls.port(target);
        Future<InetSocketAddress> resolved;
        try {
            resolved = client.resolver.getResolver(loop).resolve(InetSocketAddress.createUnresolved(host, port));
        } catch (RuntimeException e) {
            fail(new TrackerException(TrackerError.RESOLVE, null, null, -1, "cannot resolve " + host, e));
            return;
        }
        resolved.addListener(f -> {
            if (result.isDone()) {
                return;
            }
            if (!f.isSuccess()) {
                fail(new TrackerException(TrackerError.RESOLVE, null, null, -1,
                        "cannot resolve " + host + ": " + f.cause(), f.cause()));
                return;
            }
            InetSocketAddress address = resolved.getNow();
            try {
                AddressPolicy.check(address.getAddress(), client.settings.allowLocalTrackers(), publicSeen);
            } catch (TrackerException e) {
                fail(e);
                return;
            }
            publicSeen |= !AddressPolicy.isLocal(address.getAddress());
            connect(target, address, host, port, tls);
        });
    }

    private void connect(URI target, InetSocketAddress address, String host, int port, boolean tls) {
        Bootstrap b = new Bootstrap().group(loop).channelFactory(client.channelFactory)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, client.settings.requestTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls) {
                            ch.pipeline().addLast("tls", client.ssl().newHandler(ch.alloc(), host, port));
                        }
                        ch.pipeline().addLast("http", new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK));
                        ch.pipeline().addLast("collect", new ResponseCollector(HttpExchange.this,
                                client.settings.maxResponseBytes()));
                    }
                });
        ChannelFuture cf;
        try {
            cf = b.connect(address);
        } catch (RuntimeException e) {
            fail(new TrackerException(TrackerError.CONNECTION, null, null, -1, "cannot connect: " + e, e));
            return;
        }
        channel = cf.channel();
        cf.addListener((ChannelFuture f) -> {
            if (result.isDone()) {
                f.channel().close();
                return;
            }
            if (!f.isSuccess()) {
                fail(new TrackerException(TrackerError.CONNECTION, null, null, -1,
                        "cannot connect to " + address + ": " + f.cause(), f.cause()));
                return;
            }
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    TrackerUrls.target(target));
            HttpHeaders h = req.headers();
            h.set(HttpHeaderNames.HOST, hostHeader(target));
            h.set(HttpHeaderNames.USER_AGENT, client.settings.userAgent());
            h.set(HttpHeaderNames.ACCEPT_ENCODING, "gzip, deflate");
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            f.channel().writeAndFlush(req).addListener((ChannelFuture w) -> {
                if (!w.isSuccess()) {
                    fail(new TrackerException(TrackerError.CONNECTION, null, null, -1,
                            "cannot send the request: " + w.cause(), w.cause()));
                }
            });
        });
    }

    private static String hostHeader(URI target) {
        String authority = target.getRawAuthority();
        int at = authority.lastIndexOf('@');
        return at < 0 ? authority : authority.substring(at + 1);
    }

    /** Called by the collector with the whole (still encoded) body. */
    void onResponse(HttpResponseStatus status, HttpHeaders headers, byte[] raw) {
        if (result.isDone()) {
            return;
        }
        closeChannel();
        int code = status.code();
        try {
            if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
                redirect(headers.get(HttpHeaderNames.LOCATION));
                return;
            }
            byte[] body = Bodies.decode(raw, headers.get(HttpHeaderNames.CONTENT_ENCODING),
                    client.settings.maxResponseBytes());
            if (code != 200) {
                throw statusError(status, body);
            }
            succeed(body);
        } catch (TrackerException e) {
            fail(e);
        }
    }

    private void redirect(String location) {
        if (location == null || location.isBlank()) {
            throw TrackerException.of(TrackerError.REDIRECT, "a redirect without a Location");
        }
        if (redirectsLeft == 0) {
            throw TrackerException.of(TrackerError.REDIRECT, "more than " + client.settings.maxRedirects()
                    + " redirects (the last to " + location + ")");
        }
        URI next;
        try {
            next = url.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new TrackerException(TrackerError.REDIRECT, null, "Location", -1, "bad Location: " + location, e);
        }
        redirectsLeft--;
        LOG.debug("tracker {} redirects to {}", url, next);
        request(next);
    }

    /** A status other than 200: the tracker's failure reason if the body has one, else the status. */
    private static TrackerException statusError(HttpResponseStatus status, byte[] body) {
        try {
            BValue v = BencodeDecoder.of(new BencodeLimits(body.length, 4, 64), BencodeMode.LENIENT).decode(body);
            if (v instanceof BDictionary d && d.get("failure reason") instanceof BString reason) {
                return TrackerException.of(TrackerError.FAILURE, reason.utf8() + " (HTTP " + status.code() + ")");
            }
        } catch (BencodeException notBencode) {
            // the status is all we have
        }
        return new TrackerException(TrackerError.HTTP_STATUS, null, null, -1, "HTTP " + status, null);
    }

    void fail(TrackerException e) {
        if (result.isDone()) {
            return;
        }
        finish();
        LOG.debug("tracker request {} failed: {}", firstUrl, e.getMessage());
        result.completeExceptionally(e);
    }

    private void succeed(byte[] body) {
        finish();
        result.complete(body);
    }

    private void finish() {
        if (timeout != null) {
            timeout.cancel(false);
        }
        closeChannel();
    }

    private void closeChannel() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    boolean isDone() {
        return result.isDone();
    }
}
