package dev.torrpedo.tracker.server;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.ScrapeStats;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.ChannelGroupFuture;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link EmbeddedTracker}: HTTP and UDP on one event loop over a {@link SwarmRegistry}. */
final class NettyEmbeddedTracker implements EmbeddedTracker {
    private static final Logger LOG = LoggerFactory.getLogger(NettyEmbeddedTracker.class);
    private static final int BIND_ATTEMPTS = 20;
    private static final int IDLE_SECONDS = 30;

    final Duration interval;
    final Duration minInterval;
    final int defaultNumWant;
    final InstantSource clock;
    final SwarmRegistry registry;
    final ConnectionIds ids;
    private final int maxNumWant;
    private final Duration expiry;
    private final java.net.InetAddress host;
    private final EventLoop loop;
    private final ChannelFactory<? extends ServerChannel> tcpFactory;
    private final ChannelFactory<? extends DatagramChannel> udpFactory;
    private final AtomicLong announces = new AtomicLong();
    private final ChannelGroup connections;
    private volatile Channel tcp;
    private volatile Channel udp;
    private volatile ScheduledFuture<?> sweeper;
    private volatile int port;

    NettyEmbeddedTracker(EmbeddedTracker.Builder b) {
        this.interval = b.interval;
        this.minInterval = b.minInterval.compareTo(b.interval) > 0 ? b.interval : b.minInterval;
        this.defaultNumWant = b.defaultNumWant;
        this.maxNumWant = b.maxNumWant;
        this.clock = b.clock;
        this.expiry = b.peerExpiry;
        this.registry = new SwarmRegistry(b.peerExpiry, b.maxTorrents, b.maxPeersPerTorrent, b.random);
        this.ids = new ConnectionIds(b.random.nextLong());
        this.host = b.host;
        this.loop = b.group.next();
        this.tcpFactory = b.tcpFactory;
        this.udpFactory = b.udpFactory;
        this.connections = new DefaultChannelGroup("embedded-tracker", loop);
    }

    /** Called on the event loop by both handlers. */
    Optional<SwarmRegistry.Reply> announce(InfoHash infoHash, PeerId peerId, InetSocketAddress address, long left,
                                           AnnounceEvent event, int numWant) {
        Optional<SwarmRegistry.Reply> r = registry.announce(infoHash, peerId, address, left, event,
                Math.min(numWant, maxNumWant), clock.instant());
        if (r.isPresent()) {
            announces.incrementAndGet();
        }
        LOG.debug("announce {} {} {} left={} -> {}", infoHash, address, event, left, r.map(x -> x.peers().size()));
        return r;
    }

    @Override
    public CompletableFuture<EmbeddedTracker> start(int requestedPort) {
        if (requestedPort < 0 || requestedPort > 65535) {
            throw new IllegalArgumentException("port: " + requestedPort + " (expected: 0..65535)");
        }
        if (tcp != null) {
            throw new IllegalStateException("already started on port " + port);
        }
        CompletableFuture<EmbeddedTracker> out = new CompletableFuture<>();
        bind(requestedPort, BIND_ATTEMPTS, out);
        return out;
    }

    private void bind(int requestedPort, int attemptsLeft, CompletableFuture<EmbeddedTracker> out) {
        ServerBootstrap http = new ServerBootstrap().group(loop, loop).channelFactory(tcpFactory)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new ReadTimeoutHandler(IDLE_SECONDS),
                                new HttpServerCodec(16 * 1024, 8192, 8192), new HttpObjectAggregator(8192),
                                new HttpTrackerHandler(NettyEmbeddedTracker.this));
                    }
                });
        http.bind(new InetSocketAddress(host, requestedPort)).addListener((ChannelFuture t) -> {
            if (!t.isSuccess()) {
                out.completeExceptionally(t.cause());
                return;
            }
            int bound = ((InetSocketAddress) t.channel().localAddress()).getPort();
            Bootstrap datagram = new Bootstrap().group(loop).channelFactory(udpFactory)
                    .handler(new UdpTrackerHandler(this));
            datagram.bind(new InetSocketAddress(host, bound)).addListener((ChannelFuture u) -> {
                if (!u.isSuccess()) {
                    t.channel().close();
                    if (requestedPort == 0 && attemptsLeft > 1) {
                        bind(0, attemptsLeft - 1, out); // that number was taken for UDP: try another
                    } else {
                        out.completeExceptionally(u.cause());
                    }
                    return;
                }
                tcp = t.channel();
                udp = u.channel();
                port = bound;
                long period = Math.max(1, Math.min(expiry.toSeconds() / 2, 300));
                sweeper = loop.scheduleAtFixedRate(() -> registry.expire(clock.instant()), period, period,
                        TimeUnit.SECONDS);
                LOG.debug("embedded tracker on {}:{}", host.getHostAddress(), bound);
                out.complete(this);
            });
        });
    }

    @Override
    public int port() {
        return port;
    }

    private String authority() {
        String h = host.getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
    }

    @Override
    public URI httpAnnounceUrl() {
        return URI.create("http://" + authority() + "/announce");
    }

    @Override
    public URI udpAnnounceUrl() {
        return URI.create("udp://" + authority() + "/announce");
    }

    @Override
    public List<InetSocketAddress> peers(InfoHash infoHash) {
        return registry.peers(InfoHash.v1(infoHash.wire()), clock.instant());
    }

    @Override
    public Optional<ScrapeStats> stats(InfoHash infoHash) {
        return registry.stats(InfoHash.v1(infoHash.wire()), clock.instant());
    }

    @Override
    public long announces() {
        return announces.get();
    }

    @Override
    public void close() {
        ScheduledFuture<?> s = sweeper;
        if (s != null) {
            s.cancel(false);
        }
        Channel t = tcp;
        Channel u = udp;
        ChannelFuture ft = t == null ? null : t.close();
        ChannelFuture fu = u == null ? null : u.close();
        ChannelGroupFuture fc = connections.close();
        if (!loop.inEventLoop()) {
            fc.syncUninterruptibly();
            if (ft != null) {
                ft.syncUninterruptibly();
            }
            if (fu != null) {
                fu.syncUninterruptibly();
            }
        }
    }
}
