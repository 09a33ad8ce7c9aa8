package dev.torrpedo.engine.internal.session;

import dev.torrpedo.engine.AddResult;
import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Changes;
import dev.torrpedo.engine.Event;
import dev.torrpedo.engine.IpFilter;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.SessionStats;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.StorageMode;
import dev.torrpedo.engine.Subscription;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.engine.internal.limit.RateLimiter;
import dev.torrpedo.engine.internal.limit.TransferLimits;
import dev.torrpedo.engine.internal.lsd.LocalDiscovery;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.engine.internal.webseed.WebSeedHttp;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.DiskIoPool;
import dev.torrpedo.storage.StorageFactory;
import dev.torrpedo.storage.StorageSettings;
import dev.torrpedo.storage.VerifierPool;
import dev.torrpedo.tracker.TrackerClient;
import dev.torrpedo.tracker.TrackerSettings;
import dev.torrpedo.wire.TorrentIndex;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session: owns the threads (one Netty event loop group, the storage's disk and
 * hashing pools, one callback thread), the listening socket, the shared UDP socket, the
 * tracker clients, the DHT node ({@link SessionDht}), local service discovery
 * ({@link LocalDiscovery}) and the torrents. Built by {@code Session.Builder}.
 *
 * <p>Threading: public methods may be called from any thread. Each torrent's control state
 * lives on one event loop of the group; each peer connection on its channel's loop. The
 * futures handed to users complete on the callback executor, never on an event loop.
 */
public final class SessionImpl implements Session {
    /** How long {@link #close()} waits for {@code stopped} announces. */
    public static final Duration STOP_ANNOUNCE_DEADLINE = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(SessionImpl.class);

    private final SessionConfig config;
    private final EngineClock clock;
    private volatile Settings settings;
    private final PeerId peerId;
    private final SecureRandom secure = new SecureRandom();
    private final RandomGenerator random;
    private final int trackerKey;
    private final EventHub events = new EventHub();
    private final TorrentIndex index = new TorrentIndex();
    private final ConcurrentHashMap<InfoHash, TorrentImpl> torrents = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<TorrentImpl> order = new CopyOnWriteArrayList<>();
    private final TransferLimits limits;
    private final RateLimiter dialLimiter;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong connectionIds = new AtomicLong();
    private final BanList bans = new BanList();
    private volatile IpFilter ipFilter = IpFilter.NONE;
    private WebSeedHttp webSeedHttp;
    private final LongAdder downloaded = new LongAdder();
    private final LongAdder uploaded = new LongAdder();
    private final LongAdder unexpectedErrors = new LongAdder();
    private final Callbacks callbacks;
    /** CPU work that must stay off the event loops and is not hashing of data (merkle trees of hash requests). */
    private final Callbacks work = new Callbacks("torrpedo-work");
    private final EventLoopGroup group;
    private final DiskIoPool disk;
    private final VerifierPool verifier;
    private final StorageFactory storageFactory;
    private final TrackerSettings trackerSettings;
    private final MetadataStore metadataStore;
    private Network network;
    private volatile SessionDht dht;
    private volatile LocalDiscovery lsd;
    private volatile boolean closed;

    private SessionImpl(SessionConfig config) {
        this.config = config;
        this.clock = new EngineClock(config.clock());
        this.settings = config.settings();
        this.random = config.random();
        this.peerId = config.peerId() != null ? config.peerId() : PeerId.generate(secure);
        this.trackerKey = secure.nextInt();
        this.limits = TransferLimits.root(clock::nanos);
        this.dialLimiter = RateLimiter.root(clock::nanos);
        this.callbacks = new Callbacks();
        this.metadataStore = new MetadataStore(config.resumeDir(), callbacks);
        this.group = new MultiThreadIoEventLoopGroup(config.threads(), new DefaultThreadFactory("torrpedo-net", true),
                NioIoHandler.newFactory());
        this.disk = DiskIoPool.create(StorageSettings.builder().highWaterMark(settings.diskQueueHighWater()).build());
        this.verifier = VerifierPool.create();
        this.storageFactory = config.storageMode() == StorageMode.MEMORY ? StorageFactory.memory(disk, verifier)
                : StorageFactory.files(disk, verifier);
        this.trackerSettings = TrackerSettings.defaults().toBuilder()
                .allowLocalTrackers(settings.allowLocalTrackers())
                .minAnnounceInterval(settings.trackerMinInterval())
                .requestTimeout(Duration.ofSeconds(20))
                .udpRetransmitBase(Duration.ofSeconds(5))
                .udpMaxRetransmits(3)
                .userAgent(CLIENT.replace(' ', '/'))
                .build();
        applyLimits(settings);
    }

    /**
     * Starts a session: threads, then the listening and UDP sockets.
     *
     * @throws UncheckedIOException if a socket cannot be bound (everything started is stopped)
     */
    public static SessionImpl start(SessionConfig config) {
        SessionImpl s = new SessionImpl(config);
        try {
            s.network = Network.open(s, config.listenAddress(), config.listenPort());
        } catch (IOException | RuntimeException e) {
            s.stopThreads();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("binding port " + config.listenPort() + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
        s.discovery(null, config.settings());
        s.webSeedHttp = new WebSeedHttp(s.network.resolver(), CLIENT.replace(' ', '/'));
        LOG.info("session {} listening on port {}", s.peerId, s.network.port());
        return s;
    }

    /** Starts or stops the DHT node and local service discovery as the settings changed. */
    private synchronized void discovery(Settings before, Settings after) {
        if (closed) {
            return;
        }
        if (after.dht() && dht == null) {
            dht = SessionDht.start(this, network.udp(), network.demux(), after, config.resumeDir());
        } else if (!after.dht() && dht != null) {
            SessionDht d = dht;
            dht = null;
            d.close();
        }
        if (after.lsd() && lsd == null && (before == null || !before.lsd())) {
            lsd = LocalDiscovery.open(group, config.listenAddress(), network.port(), clock::nanos, newRandom(),
                    this::foundLocally);
        } else if (!after.lsd() && lsd != null) {
            LocalDiscovery l = lsd;
            lsd = null;
            l.close();
        }
    }

    /** A peer on the local network announced a torrent (on the LSD socket's loop). */
    private void foundLocally(String infoHashHex, InetSocketAddress peer) {
        Optional<TorrentHandle> h = torrent(infoHashHex);
        if (h.isPresent() && h.get() instanceof TorrentImpl t && !t.isPrivate()) {
            t.swarm().discovered(List.of(peer));
        }
    }

    // ------------------------------------------------------------------ discovery, for torrents and peers

    /** @return the DHT node, or null while the DHT is off */
    public SessionDht dht() {
        return dht;
    }

    /** @return local service discovery, or null while it is off (or no interface allows it) */
    public LocalDiscovery lsd() {
        return lsd;
    }

    /** A peer told us its DHT node's port (BEP 5 {@code PORT} message). */
    public void dhtNodeOf(InetSocketAddress node) {
        SessionDht d = dht;
        if (d != null && node.getPort() > 0) {
            d.addNode(node);
        }
    }

    /** Keeps a magnet link's metadata in the resume directory (written in the background). */
    public void saveMetadata(Torrent torrent) {
        metadataStore.save(torrent);
    }

    /** Deletes a torrent's saved metadata (it is removed with its data). */
    public void forgetMetadata(InfoHash infoHash) {
        metadataStore.forget(infoHash);
    }

    // ------------------------------------------------------------------ for torrents and peers

    /** @return the session's clock */
    public EngineClock clock() {
        return clock;
    }

    /** @return the events and revisions */
    public EventHub events() {
        return events;
    }

    /** @return the event loops */
    public EventLoopGroup group() {
        return group;
    }

    /** @return randomness for MSE/PE keys */
    public SecureRandom secureRandom() {
        return secure;
    }

    /** @return a new generator for one torrent's picker, choker and tiers (not thread-safe) */
    public RandomGenerator newRandom() {
        synchronized (random) {
            return new SplittableRandom(random.nextLong());
        }
    }

    /** @return the key sent with every announce */
    public int trackerKey() {
        return trackerKey;
    }

    /** @return the session's rate limits (the root of every torrent's) */
    public TransferLimits limits() {
        return limits;
    }

    /** @return the tracker client every torrent announces with */
    public TrackerClient trackerClient() {
        return network.trackers();
    }

    /** @return the tracker settings the clients were built with */
    public TrackerSettings trackerSettings() {
        return trackerSettings;
    }

    /** @return how torrents' storage is opened */
    public StorageFactory storageFactory() {
        return storageFactory;
    }

    /** @return the torrents inbound handshakes are looked up in */
    public TorrentIndex index() {
        return index;
    }

    /** @return the session's bans */
    public BanList bans() {
        return bans;
    }

    /** @return whether the IP filter blocks {@code address} */
    public boolean isFiltered(java.net.InetAddress address) {
        IpFilter f = ipFilter;
        return f != IpFilter.NONE && address != null && f.blocks(address);
    }

    @Override
    public void setIpFilter(IpFilter filter) {
        ipFilter = Objects.requireNonNull(filter, "filter");
        for (TorrentImpl t : order) {
            for (PeerConnection pc : t.connections()) {
                if (isFiltered(pc.endpoint().getAddress())) {
                    pc.commands().close("blocked by the IP filter");
                }
            }
        }
    }

    @Override
    public IpFilter ipFilter() {
        return ipFilter;
    }

    /** @return the HTTP client parts web seeds share */
    public WebSeedHttp webSeedHttp() {
        return webSeedHttp;
    }

    /** @return a new connection id, unique within the session */
    public long nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    /** Counts payload bytes received. */
    public void countDownloaded(long n) {
        downloaded.add(n);
    }

    /** Counts payload bytes sent. */
    public void countUploaded(long n) {
        uploaded.add(n);
    }

    /** Counts an error that no remote input should cause (a bug): logged, and watched by tests. */
    public void unexpectedError() {
        unexpectedErrors.increment();
    }

    /** @return errors counted by {@link #unexpectedError()} */
    public long unexpectedErrors() {
        return unexpectedErrors.sum();
    }

    /** @return the resume file of a torrent */
    public Path resumeFile(InfoHash infoHash) {
        return config.resumeDir().resolve(infoHash.id() + ".resume");
    }

    /** @return the torrent an inbound handshake names, if it accepts peers now */
    public TorrentImpl activeTorrent(InfoHash infoHash) {
        TorrentImpl t = torrents.get(infoHash);
        return t != null && t.acceptsPeers() ? t : null;
    }

    /** Reserves one of the session's connections. @return false at the limit */
    public boolean tryReserveConnection() {
        int max = settings.maxConnections();
        while (true) {
            int n = connections.get();
            if (n >= max) {
                return false;
            }
            if (connections.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a connection reserved by {@link #tryReserveConnection()}. */
    public void releaseConnection() {
        connections.decrementAndGet();
    }

    /** @return whether an outbound connection attempt may start now (the session's pace) */
    public boolean tryDial() {
        return RateLimiter.granted(dialLimiter.acquire(1));
    }

    /** Connects to {@code address} for {@code torrent}; the connection reports back to the torrent. */
    public void dial(TorrentImpl torrent, InetSocketAddress address, boolean plaintext) {
        network.dial(torrent, address, plaintext);
    }

    /** @return the port peers connect to */
    @Override
    public int listenPort() {
        return network.port();
    }

    /** Closes every connection to the peer banned under {@code address}'s key, in every torrent. */
    public void disconnectBanned(InetSocketAddress address) {
        InetSocketAddress key = BanList.key(address);
        for (TorrentImpl t : order) {
            for (PeerConnection pc : t.connections()) {
                if (key.equals(BanList.key(pc.endpoint()))) {
                    pc.commands().close("banned");
                }
            }
        }
    }

    /**
     * @return a future for users: it completes with {@code internal}'s outcome on the
     *         callback executor, so no user stage ever runs on an event loop
     */
    public <T> CompletableFuture<T> forUser(CompletableFuture<T> internal) {
        return callbacks.relay(internal);
    }

    /** Runs {@code task} on the callback executor (never an event loop). */
    public Executor callbackExecutor() {
        return callbacks;
    }

    /** @return an executor for CPU work kept off the event loops (building and checking merkle trees) */
    public Executor workExecutor() {
        return work;
    }

    /** A torrent left the session (removed). */
    public void forget(TorrentImpl t) {
        if (torrents.remove(t.infoHash(), t)) {
            order.remove(t);
            index.remove(t.infoHash());
        }
    }

    // ------------------------------------------------------------------ Session

    @Override
    public CompletableFuture<AddResult> addTorrent(AddTorrent add) {
        Objects.requireNonNull(add, "add");
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the session is closed"));
        }
        Torrent torrent;
        try {
            switch (add.source()) {
                case MAGNET:
                    return addMagnet(add);
                case FILE:
                    torrent = parse(Files.readAllBytes(Path.of(add.location())));
                    break;
                case BYTES:
                    torrent = parse(add.bytes());
                    break;
                default:
                    throw new AssertionError(add.source());
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e instanceof IllegalArgumentException ? e
                    : new IllegalArgumentException("not a valid torrent: " + e.getMessage(), e));
        }
        return addParsed(torrent, add, List.of());
    }

    private CompletableFuture<AddResult> addParsed(Torrent torrent, AddTorrent add, List<InetSocketAddress> unresolved) {
        int[] prio = add.filePriorities();
        if (prio.length != 0 && prio.length != torrent.files().size()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("filePriorities: " + prio.length
                    + " (expected: " + torrent.files().size() + ", one per file)"));
        }
        TorrentImpl existing = torrents.get(torrent.infoHash());
        if (existing != null) {
            return CompletableFuture.completedFuture(new AddResult(existing, true));
        }
        Path savePath = add.savePath() != null ? add.savePath().toAbsolutePath() : config.downloadDir();
        TorrentImpl t = new TorrentImpl(this, torrent, savePath, add, group.next());
        existing = torrents.putIfAbsent(torrent.infoHash(), t);
        if (existing != null) {
            return CompletableFuture.completedFuture(new AddResult(existing, true));
        }
        order.add(t);
        index.add(torrent.infoHash());
        long rev = events.next();
        events.publish(new Event.TorrentAdded(t.id(), rev, t.name()));
        t.start();
        for (InetSocketAddress peer : add.peers()) {
            t.addPeer(peer);
        }
        addResolved(t, unresolved);
        return CompletableFuture.completedFuture(new AddResult(t, false));
    }

    /**
     * Adds a magnet link: with the metadata an earlier run saved if there is some, else as a
     * torrent that fetches it from peers (its trackers, its {@code x.pe} peers, the DHT, local
     * discovery, peer exchange).
     */
    private CompletableFuture<AddResult> addMagnet(AddTorrent add) {
        MagnetLink link;
        try {
            link = MagnetLink.parse(add.location());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("not a valid magnet link: "
                    + e.getMessage(), e));
        }
        Optional<TorrentHandle> same = torrent(link.infoHash().id());
        if (same.isPresent()) {
            return CompletableFuture.completedFuture(new AddResult(same.get(), true));
        }
        Optional<Torrent> saved = metadataStore.load(link);
        if (saved.isPresent()) {
            return addParsed(saved.get(), add, link.peers());
        }
        Path savePath = add.savePath() != null ? add.savePath().toAbsolutePath() : config.downloadDir();
        TorrentImpl t = new TorrentImpl(this, link, savePath, add, group.next());
        TorrentImpl existing = torrents.putIfAbsent(link.infoHash(), t);
        if (existing != null) {
            return CompletableFuture.completedFuture(new AddResult(existing, true));
        }
        order.add(t);
        index.add(link.infoHash());
        long rev = events.next();
        events.publish(new Event.TorrentAdded(t.id(), rev, t.name()));
        t.start();
        for (InetSocketAddress peer : add.peers()) {
            t.addPeer(peer);
        }
        addResolved(t, link.peers());
        return CompletableFuture.completedFuture(new AddResult(t, false));
    }

    /** Resolves {@code host:port} peers (a magnet link's {@code x.pe}) off the event loops, then dials them. */
    private void addResolved(TorrentImpl t, List<InetSocketAddress> peers) {
        if (peers.isEmpty()) {
            return;
        }
        callbacks.execute(() -> {
            for (InetSocketAddress p : peers) {
                try {
                    InetSocketAddress a = p.isUnresolved()
                            ? new InetSocketAddress(InetAddress.getByName(p.getHostString()), p.getPort()) : p;
                    t.addPeer(a);
                } catch (UnknownHostException | SecurityException e) {
                    LOG.debug("{}: peer {} does not resolve: {}", t.id(), p, e.toString());
                }
            }
        });
    }

    /** A v2 .torrent may lack piece layers (saved from a magnet link's metadata): peers supply them. */
    private static Torrent parse(byte[] bytes) {
        return Torrent.parse(bytes, dev.torrpedo.metainfo.TorrentLimits.DEFAULT, false);
    }

    @Override
    public Optional<TorrentHandle> torrent(InfoHash infoHash) {
        return Optional.ofNullable(torrents.get(infoHash));
    }

    @Override
    public Optional<TorrentHandle> torrent(String id) {
        String hex = id.toLowerCase(Locale.ROOT);
        for (TorrentImpl t : order) {
            if (t.id().equals(hex)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public List<TorrentHandle> torrents() {
        return List.copyOf(order);
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public void apply(Settings newSettings) {
        Objects.requireNonNull(newSettings, "settings");
        Settings before = this.settings;
        this.settings = newSettings;
        applyLimits(newSettings);
        if (before.dht() != newSettings.dht() || before.lsd() != newSettings.lsd()) {
            discovery(before, newSettings);
        }
        disk.setHighWaterMark(newSettings.diskQueueHighWater());
        for (TorrentImpl t : order) {
            t.settingsChanged();
        }
    }

    private void applyLimits(Settings s) {
        limits.download().setRate(s.downloadRateLimit());
        limits.upload().setRate(s.uploadRateLimit());
        dialLimiter.setRate(s.connectionsPerSecond(), s.connectionsPerSecond());
    }

    /** @return the current settings (for torrents and peers; same as {@link #settings()}) */
    public Settings current() {
        return settings;
    }

    @Override
    public Subscription subscribe(Consumer<? super Event> listener, Executor executor) {
        return events.subscribe(listener, executor);
    }

    @Override
    public Changes changesSince(long revision) {
        long now = events.current();
        List<TorrentStatus> changed = new ArrayList<>();
        for (TorrentImpl t : order) {
            TorrentStatus s = t.status();
            if (s.revision() > revision) {
                changed.add(s);
            }
        }
        List<String> removed = new ArrayList<>();
        boolean complete = events.removedSince(revision, removed);
        return new Changes(now, changed, removed, stats(), complete);
    }

    @Override
    public SessionStats stats() {
        long down = 0;
        long up = 0;
        int peers = 0;
        for (TorrentImpl t : order) {
            down += t.downloadRate();
            up += t.uploadRate();
            peers += t.peerCount();
        }
        SessionDht d = dht;
        return new SessionStats(order.size(), peers, down, up, downloaded.sum(), uploaded.sum(),
                d == null ? 0 : d.nodeCount(), listenPort(), disk.queuedBytes());
    }

    @Override
    public PeerId peerId() {
        return peerId;
    }

    /** @return the peer id as hex, for logs */
    public String peerIdHex() {
        return HexFormat.of().formatHex(peerId.bytes());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long deadline = System.nanoTime() + STOP_ANNOUNCE_DEADLINE.toNanos();
        List<CompletableFuture<?>> stopping = new ArrayList<>();
        network.stopAccepting();
        for (TorrentImpl t : order) {
            stopping.add(t.shutdown());
        }
        for (CompletableFuture<?> f : stopping) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("a torrent did not stop cleanly", e);
            }
        }
        for (TorrentImpl t : order) {
            t.closeStorage();
        }
        closeDiscovery();
        network.close();
        stopThreads();
        events.closeAll();
        LOG.info("session {} closed", peerIdHex());
    }

    private void closeDiscovery() {
        LocalDiscovery l = lsd;
        lsd = null;
        if (l != null) {
            l.close();
        }
        SessionDht d = dht;
        dht = null;
        if (d != null) {
            d.close(); // saves the routing table in the resume directory
        }
    }

    private void stopThreads() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        verifier.close();
        disk.close();
        work.shutdown();
        callbacks.shutdown();
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "Session[" + peerIdHex() + ", port " + (network == null ? 0 : network.port()) + ", " + order.size()
                + " torrents]";
    }
}
