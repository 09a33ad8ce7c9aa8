package dev.torrpedo.tracker.internal;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.AnnounceRequest;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.ScrapeResponse;
import dev.torrpedo.tracker.ScrapeStats;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import dev.torrpedo.tracker.TrackerSettings;
import dev.torrpedo.tracker.UdpTrackerClient;
import dev.torrpedo.tracker.codec.CompactPeers;
import dev.torrpedo.tracker.codec.UdpAction;
import dev.torrpedo.tracker.codec.UdpReply;
import dev.torrpedo.tracker.codec.UdpRequest;
import dev.torrpedo.tracker.codec.UdpTrackerCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.resolver.AddressResolverGroup;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UdpTrackerClient}. All state (pending transactions, connection ids) lives on the
 * channel's event loop; requests from other threads are posted to it.
 */
public final class NettyUdpTrackerClient implements UdpTrackerClient {
    private static final Logger LOG = LoggerFactory.getLogger(NettyUdpTrackerClient.class);
    private static final int MAX_CACHED_CONNECTIONS = 256;

    private final DatagramChannel channel;
    private final boolean ownsChannel;
    private final TrackerSettings settings;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final AddressResolverGroup<InetSocketAddress> resolver;
    private final EventLoop loop;
    private final Map<Integer, UdpOperation> pending = new HashMap<>();
    private final Map<InetSocketAddress, Connection> connections = new HashMap<>();
    private volatile boolean closed;

    /** A connection id and when it was received. */
    private record Connection(long id, Instant received) {
    }

    /** See {@link UdpTrackerClient.Builder#attach}. */
    public NettyUdpTrackerClient(DatagramChannel channel, boolean ownsChannel, TrackerSettings settings,
                                 InstantSource clock, RandomGenerator random,
                                 AddressResolverGroup<InetSocketAddress> resolver) {
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.resolver = resolver;
        this.loop = channel.eventLoop();
    }

    /** See {@link UdpTrackerClient.Builder#open}. */
    public static CompletableFuture<UdpTrackerClient> open(EventLoopGroup group,
                                                           ChannelFactory<? extends DatagramChannel> factory,
                                                           InetSocketAddress bind, TrackerSettings settings,
                                                           InstantSource clock, RandomGenerator random,
                                                           AddressResolverGroup<InetSocketAddress> resolver) {
        AtomicReference<NettyUdpTrackerClient> client = new AtomicReference<>();
        CompletableFuture<UdpTrackerClient> out = new CompletableFuture<>();
        Bootstrap b = new Bootstrap().group(group).channelFactory(factory)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        NettyUdpTrackerClient c = client.get();
                        if (c != null) {
                            c.onDatagram(packet.sender(), packet.content());
                        }
                    }
                });
        b.bind(bind).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                out.completeExceptionally(f.cause());
                return;
            }
            NettyUdpTrackerClient c = new NettyUdpTrackerClient((DatagramChannel) f.channel(), true, settings, clock,
                    random, resolver);
            client.set(c);
            out.complete(c);
        });
        return out;
    }

    /** @return the socket address this client sends from */
    public InetSocketAddress localAddress() {
        return channel.localAddress();
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(URI tracker, AnnounceRequest r) {
        try {
            checkUdp(tracker);
            String urlData = urlData(tracker);
            UdpOperation op = new UdpOperation(tracker, (connectionId, txn) -> new UdpRequest.Announce(connectionId, txn,
                    r.infoHash(), r.peerId(), r.downloaded(), r.left(), r.uploaded(), r.event(), 0, r.key(),
                    r.numWant(), r.port(), urlData));
            start(op);
            return Futures.map(op.result, reply -> {
                UdpReply.Announce a = (UdpReply.Announce) reply;
                return new AnnounceResponse(Duration.ofSeconds(a.interval()), Optional.empty(), a.peers(),
                        OptionalInt.of(a.seeders()), OptionalInt.of(a.leechers()), Optional.empty(), Optional.empty())
                        .withIntervalFloor(settings.minAnnounceInterval());
            }, tracker);
        } catch (RuntimeException e) {
            return Futures.failed(e, tracker);
        }
    }

    @Override
    public CompletableFuture<ScrapeResponse> scrape(URI tracker, List<InfoHash> infoHashes) {
        try {
            checkUdp(tracker);
            List<InfoHash> asked = List.copyOf(infoHashes);
            if (asked.isEmpty()) {
                return CompletableFuture.completedFuture(new ScrapeResponse(Map.of()));
            }
            List<CompletableFuture<Map<InfoHash, ScrapeStats>>> parts = new ArrayList<>();
            for (int i = 0; i < asked.size(); i += UdpTrackerCodec.MAX_SCRAPE_HASHES) {
                List<InfoHash> chunk = asked.subList(i, Math.min(asked.size(), i + UdpTrackerCodec.MAX_SCRAPE_HASHES));
                UdpOperation op = new UdpOperation(tracker,
                        (connectionId, txn) -> new UdpRequest.Scrape(connectionId, txn, chunk));
                start(op);
                parts.add(Futures.map(op.result, reply -> {
                    List<ScrapeStats> stats = ((UdpReply.Scrape) reply).stats();
                    Map<InfoHash, ScrapeStats> m = new HashMap<>();
                    for (int k = 0; k < Math.min(stats.size(), chunk.size()); k++) {
                        m.put(chunk.get(k), stats.get(k));
                    }
                    return m;
                }, tracker));
            }
            CompletableFuture<ScrapeResponse> out = new CompletableFuture<>();
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                if (e != null) {
                    out.completeExceptionally(Futures.asTrackerException(e, tracker));
                    return;
                }
                Map<InfoHash, ScrapeStats> all = new HashMap<>();
                parts.forEach(p -> all.putAll(p.join()));
                out.complete(new ScrapeResponse(all));
            });
            return out;
        } catch (RuntimeException e) {
            return Futures.failed(e, tracker);
        }
    }

    private static void checkUdp(URI tracker) {
        if (!TrackerUrls.scheme(tracker).equals("udp")) {
            throw TrackerException.of(TrackerError.UNSUPPORTED, "not a udp tracker: " + tracker);
        }
    }

    /** BEP 41: the path and query, unless the path is empty or just "/". */
    private static String urlData(URI tracker) {
        String target = TrackerUrls.target(tracker);
        if (target.equals("/")) {
            return "";
        }
        if (target.length() > UdpTrackerCodec.MAX_URL_DATA) {
            throw TrackerException.of(TrackerError.UNSUPPORTED, "URL path and query over "
                    + UdpTrackerCodec.MAX_URL_DATA + " bytes");
        }
        return target;
    }

    private void start(UdpOperation op) {
        if (closed) {
            throw TrackerException.of(TrackerError.CLOSED, "the client is closed");
        }
        loop.execute(() -> resolve(op));
    }

    private void resolve(UdpOperation op) {
        if (closed) {
            op.fail(TrackerException.of(TrackerError.CLOSED, "the client is closed"));
            return;
        }
        String host = TrackerUrls.host(op.tracker);
        io.netty.util.concurrent.Future<InetSocketAddress> f;
        try {
            f = resolver.getResolver(loop).resolve(InetSocketAddress.createUnresolved(host, op.tracker.getPort()));
        } catch (RuntimeException e) {
            op.fail(new TrackerException(TrackerError.RESOLVE, null, null, -1, "cannot resolve " + host, e));
            return;
        }
        f.addListener(done -> {
            if (!done.isSuccess()) {
                op.fail(new TrackerException(TrackerError.RESOLVE, null, null, -1,
                        "cannot resolve " + host + ": " + done.cause(), done.cause()));
                return;
            }
            InetSocketAddress resolved = f.getNow();
            InetSocketAddress address = new InetSocketAddress(CompactPeers.normalize(resolved.getAddress()),
                    resolved.getPort());
            try {
                AddressPolicy.check(address.getAddress(), settings.allowLocalTrackers(), false);
            } catch (TrackerException e) {
                op.fail(e);
                return;
            }
            op.address = address;
            op.ipv6 = CompactPeers.isV6(address.getAddress());
            next(op);
        });
    }

    /** Sends the operation's request, or a connect first when there is no fresh connection id. */
    private void next(UdpOperation op) {
        if (op.result.isDone()) {
            return;
        }
        Connection c = connections.get(op.address);
        if (c != null && !isFresh(c)) {
            connections.remove(op.address);
            c = null;
        }
        int txn = newTransactionId();
        UdpRequest request = c == null ? new UdpRequest.Connect(txn) : op.requestFor.apply(c.id(), txn);
        op.transmit(txn, request);
    }

    private boolean isFresh(Connection c) {
        Duration age = Duration.between(c.received(), clock.instant());
        return !age.isNegative() && age.compareTo(settings.connectionIdLifetime()) < 0;
    }

    private int newTransactionId() {
        int txn;
        do {
            txn = random.nextInt();
        } while (pending.containsKey(txn));
        return txn;
    }

    @Override
    public boolean onDatagram(InetSocketAddress sender, ByteBuf content) {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("onDatagram must be called on the channel's event loop");
        }
        OptionalInt txn = UdpTrackerCodec.replyTransactionId(content);
        if (txn.isEmpty()) {
            return false;
        }
        UdpOperation op = pending.get(txn.getAsInt());
        if (op == null || sender == null || !op.address.equals(
                new InetSocketAddress(CompactPeers.normalize(sender.getAddress()), sender.getPort()))) {
            return false;
        }
        op.stopWaiting();
        UdpReply reply;
        try {
            reply = UdpTrackerCodec.decodeReply(content, op.ipv6, settings.maxPeersPerReply());
        } catch (TrackerException e) {
            op.fail(e);
            return true;
        }
        op.onReply(reply);
        return true;
    }

    @Override
    public boolean supports(String scheme) {
        return scheme.toLowerCase(Locale.ROOT).equals("udp");
    }

    @Override
    public void close() {
        closed = true;
        Runnable failAll = () -> {
            for (UdpOperation op : new ArrayList<>(pending.values())) {
                op.fail(TrackerException.of(TrackerError.CLOSED, "the client is closed"));
            }
            pending.clear();
        };
        if (loop.inEventLoop()) {
            failAll.run();
        } else if (!loop.isShuttingDown()) {
            loop.execute(failAll);
        }
        if (ownsChannel) {
            ChannelFuture f = channel.close();
            if (!loop.inEventLoop()) {
                f.syncUninterruptibly();
            }
        }
    }

    /** Builds the main request of an operation from a connection id and a transaction id. */
    @FunctionalInterface
    private interface RequestFactory {
        UdpRequest apply(long connectionId, int transactionId);
    }

    /**
     * One announce or scrape: resolve, connect if needed, send, resend after
     * {@code base * 2^attempt}, until a reply or {@code udpMaxRetransmits} resends.
     */
    private final class UdpOperation {
        final URI tracker;
        final RequestFactory requestFor;
        final CompletableFuture<UdpReply> result = new CompletableFuture<>();
        InetSocketAddress address;
        boolean ipv6;
        int attempt;
        int txn;
        UdpRequest request;
        io.netty.util.concurrent.ScheduledFuture<?> timer;

        UdpOperation(URI tracker, RequestFactory requestFor) {
            this.tracker = tracker;
            this.requestFor = requestFor;
        }

        void transmit(int transactionId, UdpRequest r) {
            txn = transactionId;
            request = r;
            pending.put(txn, this);
            send();
        }

        private void send() {
            ByteBuf packet = channel.alloc().buffer(128);
            try {
                UdpTrackerCodec.encode(request, packet);
            } catch (RuntimeException e) {
                packet.release();
                fail(new TrackerException(TrackerError.UNSUPPORTED, null, null, -1, "cannot encode: " + e, e));
                return;
            }
            channel.writeAndFlush(new DatagramPacket(packet, address)).addListener(w -> {
                if (!w.isSuccess() && !result.isDone()) {
                    LOG.debug("udp tracker {}: send failed: {}", tracker, w.cause().toString());
                }
            });
            long delay = settings.udpRetransmitBase().toNanos() << attempt;
            timer = loop.schedule(this::timedOut, delay, java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        private void timedOut() {
            if (result.isDone() || pending.get(txn) != this) {
                return;
            }
            if (attempt >= settings.udpMaxRetransmits()) {
                fail(TrackerException.of(TrackerError.TIMEOUT, "no answer after " + (attempt + 1) + " sends"));
                return;
            }
            attempt++;
            if (request.action() != UdpAction.CONNECT) {
                Connection c = connections.get(address);
                if (c == null || !isFresh(c)) {
                    // BEP 15: the connection id expired while we waited; connect again
                    pending.remove(txn, this);
                    next(this);
                    return;
                }
            }
            send();
        }

        void stopWaiting() {
            pending.remove(txn, this);
            if (timer != null) {
                timer.cancel(false);
            }
        }

        void onReply(UdpReply reply) {
            if (reply.action() == UdpAction.ERROR) {
                connections.remove(address); // the id may be what it refused; get a new one next time
                fail(TrackerException.of(TrackerError.FAILURE, ((UdpReply.Error) reply).message()));
                return;
            }
            if (reply.action() != request.action()) {
                fail(TrackerException.malformed("action", 0, "a " + reply.action() + " reply to a "
                        + request.action() + " request"));
                return;
            }
            if (reply instanceof UdpReply.Connect c) {
                if (connections.size() >= MAX_CACHED_CONNECTIONS) {
                    pruneConnections();
                }
                connections.put(address, new Connection(c.connectionId(), clock.instant()));
                next(this);
                return;
            }
            result.complete(reply);
        }

        void fail(TrackerException e) {
            stopWaiting();
            if (!result.isDone()) {
                LOG.debug("udp tracker {} failed: {}", tracker, e.getMessage());
                result.completeExceptionally(e);
            }
        }
    }

    private void pruneConnections() {
        for (Iterator<Connection> it = connections.values().iterator(); it.hasNext(); ) {
            if (!isFresh(it.next())) {
                it.remove();
            }
        }
        if (connections.size() >= MAX_CACHED_CONNECTIONS) {
            connections.clear();
        }
    }
}
