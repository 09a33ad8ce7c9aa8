package dev.torrpedo.tracker.internal;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.AnnounceRequest;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.HttpTrackerClient;
import dev.torrpedo.tracker.ScrapeResponse;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import dev.torrpedo.tracker.TrackerSettings;
import dev.torrpedo.tracker.codec.HttpReplyDecoder;
import dev.torrpedo.tracker.codec.ReplyLimits;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/** The {@link HttpTrackerClient}: one {@link HttpExchange} per request. */
public final class NettyHttpTrackerClient implements HttpTrackerClient {
    final EventLoopGroup group;
    final ChannelFactory<? extends SocketChannel> channelFactory;
    final TrackerSettings settings;
    final AddressResolverGroup<InetSocketAddress> resolver;
    private final ReplyLimits limits;
    private final SslContext explicitSsl;
    private volatile SslContext defaultSsl;
    private final Set<HttpExchange> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** See {@link HttpTrackerClient.Builder}; {@code ssl} may be {@code null} for the JDK default. */
    public NettyHttpTrackerClient(EventLoopGroup group, ChannelFactory<? extends SocketChannel> channelFactory,
                                  TrackerSettings settings, AddressResolverGroup<InetSocketAddress> resolver,
                                  SslContext ssl) {
        this.group = group;
        this.channelFactory = channelFactory;
        this.settings = settings;
        this.resolver = resolver;
        this.limits = ReplyLimits.of(settings);
        this.explicitSsl = ssl;
    }

    /** The TLS context, made on first use so that clients of plain-http trackers never build one. */
    SslContext ssl() {
        if (explicitSsl != null) {
            return explicitSsl;
        }
        SslContext s = defaultSsl;
        if (s == null) {
            try {
                s = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).endpointIdentificationAlgorithm("HTTPS")
                        .build();
            } catch (SSLException e) {
                throw new TrackerException(TrackerError.CONNECTION, null, null, -1, "no TLS context: " + e.getMessage(), e);
            }
            defaultSsl = s;
        }
        return s;
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(URI tracker, AnnounceRequest request) {
        try {
            checkHttp(tracker);
            URI url = TrackerUrls.announce(tracker, request);
            return Futures.map(fetch(url), body -> HttpReplyDecoder.announce(body, limits), tracker);
        } catch (RuntimeException e) {
            return Futures.failed(e, tracker);
        }
    }

    @Override
    public CompletableFuture<ScrapeResponse> scrape(URI tracker, List<InfoHash> infoHashes) {
        try {
            checkHttp(tracker);
            List<InfoHash> asked = List.copyOf(infoHashes);
            URI url = TrackerUrls.scrape(tracker, asked);
            return Futures.map(fetch(url), body -> HttpReplyDecoder.scrape(body, asked, limits), tracker);
        } catch (RuntimeException e) {
            return Futures.failed(e, tracker);
        }
    }

    private static void checkHttp(URI tracker) {
        if (!TrackerUrls.scheme(tracker).startsWith("http")) {
            throw TrackerException.of(TrackerError.UNSUPPORTED, "not an http(s) tracker: " + tracker);
        }
    }

    private CompletableFuture<byte[]> fetch(URI url) {
        if (closed) {
            throw TrackerException.of(TrackerError.CLOSED, "the client is closed");
        }
        HttpExchange exchange = new HttpExchange(this, url, group.next());
        pending.add(exchange);
        exchange.result().whenComplete((v, e) -> pending.remove(exchange));
        if (closed) {
            exchange.cancel(TrackerException.of(TrackerError.CLOSED, "the client is closed"));
        } else {
            exchange.start();
        }
        return exchange.result();
    }

    @Override
    public boolean supports(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return s.equals("http") || s.equals("https");
    }

    @Override
    public void close() {
        closed = true;
        for (HttpExchange e : pending) {
            e.cancel(TrackerException.of(TrackerError.CLOSED, "the client is closed"));
        }
    }
}
