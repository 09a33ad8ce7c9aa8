package dev.torrpedo.dht.internal;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.DhtException;
import dev.torrpedo.dht.DhtNode;
import dev.torrpedo.dht.DhtSettings;
import dev.torrpedo.dht.DhtState;
import dev.torrpedo.dht.DhtStats;
import dev.torrpedo.dht.ImmutableItem;
import dev.torrpedo.dht.InfohashSample;
import dev.torrpedo.dht.MutableItem;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.PeerLookup;
import dev.torrpedo.dht.PutResult;
import dev.torrpedo.dht.ScrapeResult;
import dev.torrpedo.dht.krpc.Compact;
import dev.torrpedo.dht.krpc.KrpcDecoder;
import dev.torrpedo.dht.krpc.KrpcEncoder;
import dev.torrpedo.dht.krpc.KrpcError;
import dev.torrpedo.dht.krpc.KrpcLimits;
import dev.torrpedo.dht.krpc.KrpcQuery;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.QueryArgs;
import dev.torrpedo.dht.krpc.ResponseBody;
import dev.torrpedo.dht.krpc.Want;
import dev.torrpedo.dht.routing.AddressClass;
import dev.torrpedo.dht.routing.NodeEntry;
import dev.torrpedo.dht.routing.NodeState;
import dev.torrpedo.dht.routing.RoutingConfig;
import dev.torrpedo.dht.routing.RoutingTable;
import dev.torrpedo.dht.routing.SecureNodeIds;
import dev.torrpedo.metainfo.InfoHash;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link DhtNode} implementation. Everything below the public methods runs on one
 * event loop ({@link #loop}); the public methods post tasks to it and hand back futures
 * completed on the callback executor.
 */
public final class DefaultDhtNode implements DhtNode, LookupContext {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultDhtNode.class);
    private static final byte[] VERSION = {'T', 'P', 0, 1};
    private static final long BOOTSTRAP_RETRY_MILLIS = 30_000;
    private static final int ADDRESS_QUORUM = 10;

    private final DhtSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final Executor callbackExecutor;
    private final DhtState savedState;
    private final boolean ownsChannel;
    private final EventLoop loop;
    private final InetSocketAddress bindAddress;
    private final Class<? extends DatagramChannel> channelType;
    private final KrpcDecoder decoder;
    private final KrpcEncoder encoder = new KrpcEncoder(VERSION);
    private final RoutingConfig routingConfig;
    private final Rpc rpc;
    private final Tokens tokens;
    private final PeerStore peerStore;
    private final ItemStore itemStore;
    private final RateLimiter rateLimiter;
    private final UploadLimiter uploadLimiter;
    private final QueryHandler queryHandler;
    private final AddressVoter voter = new AddressVoter(ADDRESS_QUORUM);
    private final Counters counters = new Counters();
    private final Dispatcher dispatcher;
    private final Set<Lookup> lookups = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<CompletableFuture<?>> pendingFutures = Collections.newSetFromMap(new IdentityHashMap<>());
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    private volatile DatagramChannel channel;
    private volatile NodeId ownId;
    private volatile boolean closed;
    private volatile DhtStats stats;
    private volatile int nodeCount;
    private volatile Thread resolver;
    private boolean startRequested;
    private boolean v6;
    private InetSocketAddress localAddress;
    private RoutingTable table;
    private ScheduledFuture<?> ticker;
    private List<InetSocketAddress> bootstrapNodes = List.of();
    private boolean bootstrapping;
    private long lastBootstrap = Long.MIN_VALUE;
    private long lastBootstrapDone = Long.MIN_VALUE;
    private long lastPing;
    private boolean refreshing;

    /** Use {@link DhtNode#builder()}. */
    public DefaultDhtNode(DhtSettings settings, EventLoopGroup group, InetSocketAddress bindAddress,
                          Class<? extends DatagramChannel> channelType, DatagramChannel shared, Clock clock,
                          RandomGenerator random, Executor callbackExecutor, DhtState state) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.callbackExecutor = callbackExecutor;
        this.savedState = state;
        this.ownsChannel = shared == null;
        this.channel = shared;
        this.loop = shared != null ? shared.eventLoop() : group.next();
        this.bindAddress = bindAddress;
        this.channelType = channelType;
        long now = clock.millis();
        KrpcLimits d = KrpcLimits.DEFAULT;
        this.decoder = new KrpcDecoder(new KrpcLimits(settings.maxPacketSize(), d.maxDepth(), d.maxTokens(),
                d.maxTransactionIdLength(), d.maxTokenLength(), Math.max(d.maxValues(), settings.maxPeersPerReply()),
                d.maxItemSize(), d.maxSaltLength(), d.maxErrorMessageLength(), d.maxSamples()));
        this.routingConfig = new RoutingConfig(settings.k(), settings.replacementCacheSize(),
                settings.restrictRoutingIps(), settings.preferVerifiedNodeIds(), settings.badAfterFailures(),
                settings.nodeGoodFor().toMillis());
        this.rpc = new Rpc(this::sendQueryNow, settings.maxPendingRequests(), settings.requestTimeout().toMillis(),
                settings.slowRequestTimeout().toMillis(), random);
        this.tokens = new Tokens(random, settings.tokenRotation().toMillis(), now);
        com.github.benmanes.caffeine.cache.Ticker caffeineTicker = () -> clock.millis() * 1_000_000L;
        this.peerStore = new PeerStore(settings.maxTorrents(), settings.maxPeersPerTorrent(), settings.peerTtl(),
                caffeineTicker);
        this.itemStore = new ItemStore(settings.maxItems(), settings.itemTtl(), caffeineTicker);
        this.rateLimiter = new RateLimiter(settings.rateLimitPerIp(), settings.rateLimitWindow().toMillis(),
                settings.blockDuration().toMillis(), 4096);
        this.uploadLimiter = new UploadLimiter(settings.uploadRateLimit(), now);
        this.queryHandler = new QueryHandler(settings, peerStore, itemStore, tokens, random, false);
        this.dispatcher = new Dispatcher(this, settings, decoder, encoder, rpc, rateLimiter, queryHandler, voter, counters);
        this.ownId = initialId();
        this.stats = snapshot(now);
    }

    private NodeId initialId() {
        if (settings.nodeId() != null) {
            return settings.nodeId();
        }
        InetAddress external = settings.externalAddress();
        if (savedState != null && (external == null || verified(savedState.nodeId(), external))) {
            return savedState.nodeId();
        }
        return external != null ? SecureNodeIds.generate(external, random) : NodeId.random(random);
    }

    // ---------------------------------------------------------------- public API, any thread

    @Override
    public CompletableFuture<Void> start() {
        if (!runOnLoop(this::startOnLoop)) {
            started.completeExceptionally(closedException());
        }
        return publish(started);
    }

    @Override
    public boolean offer(DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (!DhtNode.isKrpc(content)) {
            return false;
        }
        try {
            if (content.readableBytes() > settings.maxPacketSize()) {
                if (loop.inEventLoop()) {
                    counters.invalidPackets++;
                }
                return true;
            }
            byte[] data = ByteBufUtil.getBytes(content);
            InetSocketAddress from = packet.sender();
            if (loop.inEventLoop()) {
                dispatcher.receive(data, from);
            } else {
                runOnLoop(() -> dispatcher.receive(data, from));
            }
            return true;
        } finally {
            packet.release();
        }
    }

    @Override
    public NodeId nodeId() {
        return ownId;
    }

    @Override
    public InetSocketAddress localAddress() {
        DatagramChannel c = channel;
        return c == null ? null : c.localAddress();
    }

    @Override
    public CompletableFuture<PeerLookup> getPeers(InfoHash infoHash) {
        return peerLookup(infoHash, null, null);
    }

    @Override
    public CompletableFuture<PeerLookup> getPeers(InfoHash infoHash, Consumer<List<InetSocketAddress>> onPeers) {
        return peerLookup(infoHash, null, onPeers);
    }

    @Override
    public CompletableFuture<PeerLookup> announce(InfoHash infoHash, int port) {
        return announce(infoHash, port, false);
    }

    @Override
    public CompletableFuture<PeerLookup> announce(InfoHash infoHash, int port, boolean seed) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: [0, 65535])");
        }
        return peerLookup(infoHash, new GetPeersLookup.Announce(port, port == 0, seed), null);
    }

    private CompletableFuture<PeerLookup> peerLookup(InfoHash infoHash, GetPeersLookup.Announce announce,
                                                     Consumer<List<InetSocketAddress>> onPeers) {
        Consumer<List<InetSocketAddress>> listener = onPeers == null ? null
                : batch -> callbackExecutor.execute(() -> onPeers.accept(batch));
        return operation(f -> startLookup(new GetPeersLookup(this, infoHash, announce, listener, f)));
    }

    @Override
    public CompletableFuture<ScrapeResult> scrape(InfoHash infoHash) {
        return operation(f -> startLookup(new GetPeersLookup(this, infoHash, f)));
    }

    @Override
    public CompletableFuture<PutResult> put(ImmutableItem item) {
        return operation(f -> startLookup(ItemLookup.put(this, item, f)));
    }

    @Override
    public CompletableFuture<PutResult> put(MutableItem item) {
        if (!item.verify()) {
            return CompletableFuture.failedFuture(new DhtException(DhtException.Reason.INVALID, "the item's signature does not verify"));
        }
        return operation(f -> startLookup(ItemLookup.put(this, item, f)));
    }

    @Override
    public CompletableFuture<Optional<ImmutableItem>> getImmutable(NodeId target) {
        return operation(f -> startLookup(ItemLookup.getImmutable(this, target, f)));
    }

    @Override
    public CompletableFuture<Optional<MutableItem>> getMutable(byte[] publicKey, byte[] salt) {
        byte[] k = publicKey.clone();
        byte[] s = salt.clone();
        return operation(f -> startLookup(ItemLookup.getMutable(this, k, s, f)));
    }

    @Override
    public CompletableFuture<List<DhtContact>> findNode(NodeId target) {
        return operation(f -> startLookup(new FindNodeLookup(this, target, f)));
    }

    @Override
    public CompletableFuture<InfohashSample> sampleInfohashes(InetSocketAddress node, NodeId target) {
        return this.<InfohashSample>operation(f -> single(node, new QueryArgs.SampleInfohashes(target, Want.DEFAULT), f, r -> {
            ResponseBody.Samples s = (ResponseBody.Samples) r.body();
            List<InfoHash> samples = new ArrayList<>(s.samples().size());
            for (NodeId id : s.samples()) {
                samples.add(InfoHash.v1(id.bytes()));
            }
            return new InfohashSample(new DhtContact(r.sender(), node), java.time.Duration.ofSeconds(s.interval()),
                    s.num(), samples, v6 ? s.nodes6() : s.nodes());
        }));
    }

    @Override
    public CompletableFuture<DhtContact> ping(InetSocketAddress address) {
        return this.<DhtContact>operation(f -> single(address, new QueryArgs.Ping(), f,
                r -> new DhtContact(r.sender(), address)));
    }

    @Override
    public void addNode(InetSocketAddress address) {
        runOnLoop(() -> {
            if (table != null && acceptableAddress(address)) {
                sendQuery(address, null, new QueryArgs.Ping(), ignoring());
            }
        });
    }

    @Override
    public CompletableFuture<DhtState> state() {
        return operation(f -> {
            List<DhtContact> nodes = new ArrayList<>();
            if (table != null) {
                for (NodeEntry e : table.liveNodes()) {
                    if (e.state(now(), routingConfig) != NodeState.BAD) {
                        nodes.add(e.contact());
                    }
                }
            }
            f.complete(new DhtState(ownId, nodes));
        });
    }

    @Override
    public DhtStats stats() {
        return stats;
    }

    @Override
    public int nodeCount() {
        return nodeCount;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Thread r = resolver;
        if (r != null) {
            r.interrupt();
        }
        if (loop.inEventLoop()) {
            shutdownOnLoop();
        } else {
            try {
                loop.submit(this::shutdownOnLoop).awaitUninterruptibly(10, TimeUnit.SECONDS);
            } catch (RejectedExecutionException loopGone) {
                failAll();
            }
            DatagramChannel c = channel;
            if (ownsChannel && c != null) {
                c.closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
            }
            if (r != null) {
                try {
                    r.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ---------------------------------------------------------------- plumbing between threads

    private boolean runOnLoop(Runnable task) {
        if (closed) {
            return false;
        }
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code body} on the loop with a fresh future; returns its copy completed on the callback executor. */
    private <T> CompletableFuture<T> operation(Consumer<CompletableFuture<T>> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        boolean posted = runOnLoop(() -> {
            if (closed) {
                f.completeExceptionally(closedException());
                return;
            }
            if (!startRequested || table == null) {
                f.completeExceptionally(new DhtException(DhtException.Reason.CLOSED, "the node is not started"));
                return;
            }
            pendingFutures.add(f);
            f.whenComplete((v, e) -> pendingFutures.remove(f));
            body.accept(f);
        });
        if (!posted) {
            f.completeExceptionally(closedException());
        }
        return publish(f);
    }

    private <T> CompletableFuture<T> publish(CompletableFuture<T> internal) {
        CompletableFuture<T> out = new CompletableFuture<>();
        internal.whenComplete((v, e) -> {
            try {
                callbackExecutor.execute(() -> {
                    if (e != null) {
                        out.completeExceptionally(e);
                    } else {
                        out.complete(v);
                    }
                });
            } catch (RejectedExecutionException rejected) {
                out.completeExceptionally(e != null ? e : rejected);
            }
        });
        return out;
    }

    private static DhtException closedException() {
        return new DhtException(DhtException.Reason.CLOSED, "the node is closed");
    }

    // ---------------------------------------------------------------- on the loop: life cycle

    private void startOnLoop() {
        if (startRequested || closed) {
            return;
        }
        startRequested = true;
        if (ownsChannel) {
            Bootstrap b = new Bootstrap().group(loop).channel(channelType).handler(new Inbound());
            ChannelFuture bound = b.bind(bindAddress);
            channel = (DatagramChannel) bound.channel();
            bound.addListener(f -> {
                if (f.isSuccess()) {
                    onBound();
                } else {
                    started.completeExceptionally(f.cause());
                }
            });
        } else {
            onBound();
        }
    }

    private void onBound() {
        if (closed) {
            return;
        }
        localAddress = channel.localAddress();
        // a wildcard socket ([::] on a dual-stack host) reaches IPv4 nodes too: it joins the main, IPv4 DHT (BEP 5)
        InetAddress local = localAddress.getAddress();
        v6 = local instanceof Inet6Address && !local.isAnyLocalAddress();
        long now = now();
        table = new RoutingTable(ownId, routingConfig, now);
        lastPing = now;
        long tick = settings.tickInterval().toMillis();
        ticker = loop.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        resolveBootstrapNodes();
    }

    private void resolveBootstrapNodes() {
        List<InetSocketAddress> resolved = new ArrayList<>();
        List<InetSocketAddress> unresolved = new ArrayList<>();
        for (InetSocketAddress a : settings.bootstrapNodes()) {
            (a.isUnresolved() ? unresolved : resolved).add(a);
        }
        bootstrapNodes = resolved;
        if (unresolved.isEmpty()) {
            bootstrap();
            return;
        }
        // name resolution blocks: one short-lived thread, which close() interrupts and joins
        Thread t = new Thread(() -> {
            List<InetSocketAddress> out = new ArrayList<>();
            for (InetSocketAddress a : unresolved) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                try {
                    for (InetAddress ip : InetAddress.getAllByName(a.getHostString())) {
                        out.add(new InetSocketAddress(ip, a.getPort()));
                    }
                } catch (java.net.UnknownHostException e) {
                    LOG.debug("bootstrap node {} does not resolve: {}", a, e.toString());
                }
            }
            runOnLoop(() -> {
                List<InetSocketAddress> all = new ArrayList<>(bootstrapNodes);
                all.addAll(out);
                bootstrapNodes = all;
                bootstrap();
            });
        }, "dht-resolve-bootstrap");
        t.setDaemon(true);
        resolver = t;
        t.start();
    }

    private void bootstrap() {
        if (bootstrapping || closed) {
            return;
        }
        bootstrapping = true;
        lastBootstrap = now();
        CompletableFuture<List<DhtContact>> f = new CompletableFuture<>();
        List<DhtContact> seeds = new ArrayList<>(table.closest(ownId, settings.k(), now()));
        if (savedState != null && lastBootstrapDone == Long.MIN_VALUE) {
            seeds.addAll(savedState.nodes()); // the first time only: later, they have had their chance
        }
        FindNodeLookup lookup = new FindNodeLookup(this, ownId, f);
        lookups.add(lookup);
        lookup.start(seeds, bootstrapNodes);
        f.whenComplete((nodes, e) -> {
            bootstrapping = false;
            lastBootstrapDone = now();
            LOG.debug("bootstrap done: {} nodes in the table", table.size());
            started.complete(null);
        });
    }

    private void shutdownOnLoop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        for (Lookup l : new ArrayList<>(lookups)) {
            l.abort();
        }
        lookups.clear();
        rpc.cancelAll();
        failAll();
        if (ownsChannel && channel != null) {
            channel.close();
        }
    }

    private void failAll() {
        DhtException closedEx = closedException();
        started.completeExceptionally(closedEx);
        for (CompletableFuture<?> f : new ArrayList<>(pendingFutures)) {
            f.completeExceptionally(closedEx);
        }
    }

    // ---------------------------------------------------------------- on the loop: timers

    private void tick() {
        long now = now();
        rpc.tick(now);
        tokens.tick(now);
        if (now - lastPing >= settings.pingInterval().toMillis()) {
            lastPing = now;
            NodeEntry q = table.oldestQuestionable(now);
            if (q != null) {
                sendQuery(q.address(), q.id(), new QueryArgs.Ping(), ignoring());
            }
        }
        if (!bootstrapping && table.size() == 0 && now - lastBootstrap >= BOOTSTRAP_RETRY_MILLIS) {
            bootstrap();
        }
        if (!bootstrapping && !refreshing && table.size() > 0) {
            int stale = table.staleBucket(now, settings.bucketRefreshInterval().toMillis());
            if (stale >= 0) {
                table.touch(stale, now);
                refreshing = true;
                CompletableFuture<List<DhtContact>> f = new CompletableFuture<>();
                f.whenComplete((v, e) -> refreshing = false);
                startLookup(new FindNodeLookup(this, table.randomIdIn(stale, random), f));
            }
        }
        checkExternalAddress();
        stats = snapshot(now);
    }

    private void checkExternalAddress() {
        InetAddress external = voter.winner();
        if (external == null || settings.nodeId() != null || verified(ownId, external)) {
            return;
        }
        NodeId fresh = SecureNodeIds.generate(external, random);
        LOG.debug("external address {} does not match node id {}: now {}", external, ownId, fresh);
        ownId = fresh;
        table = table.recentre(fresh, now());
        voter.reset();
        tableChanged();
    }

    private DhtStats snapshot(long now) {
        int good = 0;
        if (table != null) {
            for (NodeEntry e : table.liveNodes()) {
                if (e.state(now, routingConfig) == NodeState.GOOD) {
                    good++;
                }
            }
        }
        return new DhtStats(ownId, good, table == null ? 0 : table.size(), table == null ? 0 : table.replacementCount(),
                table == null ? 0 : table.buckets().size(), peerStore.torrents(), peerStore.peers(), itemStore.size(),
                lookups.size(), rpc.size(), counters.packetsIn, counters.packetsOut, counters.bytesIn, counters.bytesOut,
                counters.invalidPackets, counters.rateLimited, rateLimiter.blockedCount(now), counters.uploadCapDrops,
                counters.queriesAnswered, rpc.timeouts());
    }

    // ---------------------------------------------------------------- on the loop: lookups and queries

    private void startLookup(Lookup lookup) {
        lookups.add(lookup);
        List<DhtContact> seeds = table.closest(lookup.target, Math.max(settings.k() * 2, 16), now());
        lookup.start(seeds, seeds.isEmpty() ? bootstrapNodes : List.of());
    }

    private <T> void single(InetSocketAddress to, QueryArgs args, CompletableFuture<T> f,
                            java.util.function.Function<KrpcResponse, T> map) {
        boolean sent = sendQuery(to, null, args, new Rpc.Callback() {
            @Override
            public void onResponse(KrpcResponse response) {
                f.complete(map.apply(response));
            }

            @Override
            public void onFailure(KrpcError error) {
                f.completeExceptionally(error != null
                        ? new DhtException(DhtException.Reason.REMOTE_ERROR, error.code() + " " + error.message())
                        : new DhtException(DhtException.Reason.TIMEOUT, to + " did not answer"));
            }
        });
        if (!sent) {
            f.completeExceptionally(new DhtException(DhtException.Reason.OVERLOADED, "too many pending queries"));
        }
    }

    private static Rpc.Callback ignoring() {
        return new Rpc.Callback() {
            @Override
            public void onResponse(KrpcResponse response) {
            }

            @Override
            public void onFailure(KrpcError error) {
            }
        };
    }

    @Override
    public boolean sendQuery(InetSocketAddress to, NodeId expected, QueryArgs args, Rpc.Callback callback) {
        Rpc.Callback counted = expected == null ? callback : new Rpc.Callback() {
            @Override
            public void onResponse(KrpcResponse response) {
                callback.onResponse(response);
            }

            @Override
            public void onFailure(KrpcError error) {
                if (error == null && table != null) {
                    table.failed(new DhtContact(expected, to), now()); // no answer: one more failure in a row
                    tableChanged();
                }
                callback.onFailure(error);
            }

            @Override
            public void onSlow() {
                callback.onSlow();
            }
        };
        return rpc.send(to, expected, ownId, settings.readOnly(), args, counted, now());
    }

    private void sendQueryNow(KrpcQuery query, InetSocketAddress to) {
        send(encoder.encode(query), to, false);
    }

    /** Sends a datagram; an answer to others only within the upload cap. */
    void send(byte[] data, InetSocketAddress to, boolean answer) {
        if (answer && !uploadLimiter.tryTake(data.length, now())) {
            counters.uploadCapDrops++;
            return;
        }
        DatagramChannel c = channel;
        if (c == null || !c.isActive()) {
            return;
        }
        counters.packetsOut++;
        counters.bytesOut += data.length;
        c.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(data), to)).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("send to {} failed: {}", to, f.cause().toString());
            }
        });
    }

    @Override
    public void lookupDone(Lookup lookup) {
        lookups.remove(lookup);
    }

    // ---------------------------------------------------------------- on the loop: inbound

    /** The handler of the node's own socket. */
    private final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            if (content.readableBytes() > settings.maxPacketSize() || !DhtNode.isKrpc(content)) {
                counters.packetsIn++;
                counters.invalidPackets++;
                return;
            }
            dispatcher.receive(ByteBufUtil.getBytes(content), packet.sender());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("DHT socket error: {}", cause.toString()); // ICMP unreachable and the like
        }
    }

    /** @return the routing table, or {@code null} before the socket is bound */
    RoutingTable table() {
        return table;
    }

    /** @return whether {@link #close()} was called */
    boolean isClosed() {
        return closed;
    }

    /** The routing table changed: refreshes the count others read. */
    void tableChanged() {
        nodeCount = table.size();
    }

    // ---------------------------------------------------------------- LookupContext

    @Override
    public DhtSettings settings() {
        return settings;
    }

    @Override
    public NodeId ownId() {
        return ownId;
    }

    @Override
    public long now() {
        return clock.millis();
    }

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public boolean v6() {
        return v6;
    }

    @Override
    public boolean acceptableContact(DhtContact contact) {
        return !contact.id().equals(ownId) && acceptableAddress(contact.address())
                && (!settings.enforceNodeId() || verified(contact.id(), contact.address().getAddress()));
    }

    @Override
    public boolean acceptableAddress(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return address.getPort() != 0 && !address.equals(localAddress) && Compact.isV6(address) == v6
                && !ip.isAnyLocalAddress() && !ip.isMulticastAddress()
                && (!settings.ignoreDarkInternet() || AddressClass.isGloballyRoutable(ip))
                && !rateLimiter.blocked(ip, now());
    }

    @Override
    public boolean verified(NodeId id, InetAddress ip) {
        return SecureNodeIds.verified(id, ip, settings.exemptLocalNodeIds());
    }

    /** For tests: runs {@code inspection} on the event loop with the routing table and returns its result. */
    public <T> CompletableFuture<T> inspectTable(java.util.function.Function<RoutingTable, T> inspection) {
        return operation(f -> f.complete(inspection.apply(table)));
    }
}
