package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Event;
import dev.torrpedo.engine.FileStatus;
import dev.torrpedo.engine.PeerInfo;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentLimits;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.engine.TrackerStatus;
import dev.torrpedo.engine.WebSeedStatus;
import dev.torrpedo.engine.internal.limit.TransferLimits;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.engine.internal.v2.HashTrees;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.CheckResult;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.wire.PeerMessage;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * One torrent of a session: what its peers and its user see of it, and the wiring of its
 * parts: the state machine ({@link TorrentLifecycle}), the way to completion
 * ({@link PieceCompletion}), piece layers ({@link PieceLayers}), file priorities
 * ({@link FilePriorities}), connections and addresses ({@link TorrentPeers}), web seeds
 * ({@link HttpSeeds}), protocol extras ({@link ProtocolExtras}), storage, picker, trackers and
 * choker.
 *
 * <p>A torrent added by a magnet link starts without metadata: {@link MagnetPhase} fetches it
 * from peers (state {@code FETCHING_METADATA}) while the connections made meanwhile wait
 * without the piece machinery; once it is verified, {@link #useMetadata} sets up the storage,
 * the picker and the file layout, the data is checked, and those connections go on as any
 * other ({@link dev.torrpedo.engine.internal.peer.PeerCommands#metadataReady()}).
 *
 * <p>Threading: the control state (state machine, candidates, choker, announces, smart ban)
 * lives on one event loop, {@link #loop()}; public methods post to it. Peer connections, on
 * their own loops, use the lock-free picker, the storage, and the concurrent maps and
 * counters here; what they report that changes control state is posted to the loop.
 */
public final class TorrentImpl implements TorrentHandle {

    private final SessionImpl session;
    /** Null until a magnet link's metadata arrives; replaced once when piece layers fetched from peers complete a v2 torrent. */
    private volatile Torrent torrent;
    private final InfoHash infoHash;
    private final String id;
    private final EventLoop loop;
    private volatile PieceGeometry geometry;
    /** Null until the metadata is known; replaced once, for a v2-only torrent whose piece layers came from peers (nothing was written before). */
    private volatile Storage storage;
    private final TransferLimits limits;
    private final Announcer announcer;
    private final PeerDialer dialer;
    private final HashFailures hashFailures;
    private final PeerRegistry peers;
    private final TransferCounters counters = new TransferCounters();
    private volatile FileLayout layout;
    private final HttpSeeds httpSeeds;
    private final ProtocolExtras extras;
    private final Instant addedAt;
    /** Null for a torrent added with its metadata. */
    private final MagnetPhase magnet;
    private final FilePriorities priorities;
    private final PieceCompletion completion;
    private final PieceLayers layers;
    private final TorrentLifecycle lifecycle;
    private final ChokeRounds chokeRounds;
    private final TorrentPeers swarm;

    private volatile PiecePicker picker;
    private volatile Path savePath;
    private volatile TorrentLimits ownLimits;
    private volatile boolean sequential;
    private volatile long revision;

    /**
     * Creates the torrent; {@link #start()} checks its data and starts it.
     *
     * @param loop the event loop its control state lives on
     */
    public TorrentImpl(SessionImpl session, Torrent torrent, Path savePath, AddTorrent add, EventLoop loop) {
        this(session, torrent.infoHash(), torrent, null, savePath, add, loop);
    }

    /**
     * Creates a torrent from a magnet link; {@link #start()} fetches its metadata, then checks
     * its data and starts it.
     *
     * @param loop the event loop its control state lives on
     */
    public TorrentImpl(SessionImpl session, MagnetLink link, Path savePath, AddTorrent add, EventLoop loop) {
        this(session, link.infoHash(), null, link, savePath, add, loop);
    }

    private TorrentImpl(SessionImpl session, InfoHash infoHash, Torrent torrent, MagnetLink link, Path savePath,
                        AddTorrent add, EventLoop loop) {
        this.session = session;
        this.infoHash = infoHash;
        this.id = infoHash.id();
        this.loop = loop;
        RandomGenerator random = session.newRandom(); // the control loop's (choker, tiers); each picker has its own
        this.savePath = savePath;
        this.ownLimits = add.limits();
        this.sequential = add.sequential();
        this.peers = new PeerRegistry(session.peerId(), this::maxConnections);
        this.priorities = new FilePriorities(this, peers, add.filePriorities());
        this.dialer = new PeerDialer(this, session, peers);
        this.extras = new ProtocolExtras(this, peers);
        this.hashFailures = new HashFailures(this, session, peers, dialer);
        this.swarm = new TorrentPeers(this, session, peers, dialer, hashFailures, extras);
        this.limits = session.limits().newChild();
        applyOwnLimits(ownLimits);
        this.announcer = Announcer.create(this, torrent != null ? torrent.trackers() : MagnetPhase.trackerTiers(link),
                random);
        this.addedAt = session.clock().now();
        this.revision = session.events().current();
        this.completion = new PieceCompletion(this, session, peers, hashFailures);
        this.layers = new PieceLayers(this, session, peers);
        this.httpSeeds = new HttpSeeds(this, session);
        PeerSources sources = new PeerSources(this, session);
        this.magnet = link == null ? null : new MagnetPhase(this, session, link);
        this.chokeRounds = new ChokeRounds(session.current().unchokeSlots(), random);
        this.lifecycle = new TorrentLifecycle(this, session, announcer, dialer, sources, peers, chokeRounds, counters,
                completion, add.paused());
        if (torrent != null) {
            useMetadata(torrent);
        }
    }

    /** Sets up what needs the metadata: the file layout, the storage and a picker. Control loop (or the constructor). */
    void useMetadata(Torrent t) {
        PieceGeometry g = new PieceGeometry(t.totalSize(), t.pieceLength());
        priorities.use(t, magnet);
        this.layout = new FileLayout(t, g);
        this.storage = openStorage(t);
        this.picker = new PiecePicker(g, session.newRandom()); // its own: pickers draw from any peer's loop
        this.geometry = g;
        completion.setWanted(layout.wanted(piecePriorities()));
        layers.use(t);
        httpSeeds.use(t);
        this.torrent = t;
    }

    /** @return a storage for {@code t} at the save path, with the file priorities now */
    Storage openStorage(Torrent t) {
        return session.storageFactory().open(StorageParams.of(t, savePath)
                .withResumeFile(session.resumeFile(infoHash)).withFilePriorities(priorities.files()));
    }

    // ------------------------------------------------------------------ accessors for peers

    /** @return the session */
    public SessionImpl session() {
        return session;
    }

    /** @return the parsed torrent, or null while a magnet link's metadata is being fetched */
    public Torrent torrent() {
        return torrent;
    }

    /** @return whether the metadata is known (always, unless added by a magnet link still fetching it) */
    public boolean hasMetadata() {
        return torrent != null;
    }

    /**
     * @return whether the data was checked and the picker is set up: a peer that finishes its
     *         handshake before this (a magnet link's) waits for
     *         {@link dev.torrpedo.engine.internal.peer.PeerCommands#metadataReady()}
     */
    public boolean piecesReady() {
        return lifecycle.checked();
    }

    /** @return whether the torrent is private (BEP 27): no DHT, PEX or LSD (false until the metadata is known) */
    public boolean isPrivate() {
        Torrent t = torrent;
        return t != null && t.isPrivate();
    }

    /** @return whether peers may be exchanged with its peers now (BEP 11): the setting, and not private */
    public boolean pexAllowed() {
        return session.current().pex() && !isPrivate();
    }

    /** @return the loop the control state lives on */
    public EventLoop loop() {
        return loop;
    }

    /** @return the pieces and blocks */
    public PieceGeometry geometry() {
        return geometry;
    }

    /** @return the current picker (a recheck replaces it while no peer is connected) */
    public PiecePicker picker() {
        return picker;
    }

    /** @return the storage */
    public Storage storage() {
        return storage;
    }

    /** @return the torrent's rate limits (parent of its peers') */
    public TransferLimits transferLimits() {
        return limits;
    }

    /** @return whether peers may connect now (fetching metadata, downloading or seeding) */
    public boolean acceptsPeers() {
        return lifecycle.acceptsPeers();
    }

    /** @return whether we have every wanted piece */
    public boolean isSeeding() {
        return lifecycle.state() == TorrentState.SEEDING;
    }

    /** @return the connected peers (handshake done) */
    public Collection<PeerConnection> connections() {
        return peers.all();
    }

    /** @return the connected peer the picker knows by {@code pickerId}, or null */
    public PeerConnection peerByPickerId(int pickerId) {
        return peers.byPickerId(pickerId);
    }

    /** @return the number of connected peers */
    public int peerCount() {
        return peers.size();
    }

    /** @return payload bytes/s received */
    public long downloadRate() {
        return counters.downloadRate();
    }

    /** @return payload bytes/s sent */
    public long uploadRate() {
        return counters.uploadRate();
    }

    /** @return payload bytes received */
    public long downloadedBytes() {
        return counters.downloaded();
    }

    /** @return payload bytes sent */
    public long uploadedBytes() {
        return counters.uploaded();
    }

    /** @return bytes of wanted pieces still missing; 16 KiB while the metadata is unknown, as libtorrent says */
    public long leftBytes() {
        return torrent == null ? MagnetPhase.UNKNOWN_LEFT : completion.left();
    }

    /** @return what the last check of the data found, or null before it ends */
    public CheckResult lastCheck() {
        return lifecycle.lastCheck();
    }

    /**
     * @return whether the torrent would dial {@code address} (it knows it and has not given up
     *         on it: not us, not banned, not failed too often); answered on the control loop
     */
    public CompletableFuture<Boolean> willDial(InetSocketAddress address) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(dialer.willDial(address)));
        return f;
    }

    /** @return what answers peers' BEP 52 hash requests from our piece layers */
    public HashTrees hashTrees() {
        return layers.trees();
    }

    /** @return whether blocks may be requested: false while a v2-only torrent lacks its piece layers */
    public boolean canDownload() {
        return layers.canDownload();
    }

    /** @return the size of the info dictionary (for {@code metadata_size}), 0 while unknown */
    public int infoSize() {
        Torrent t = torrent;
        return t == null ? 0 : t.infoBuffer().remaining();
    }

    // ------------------------------------------------------------------ connections (any thread)

    /** @return the torrent's side of its connections: admission, departure, addresses to dial */
    public TorrentPeers swarm() {
        return swarm;
    }

    int maxConnections() {
        int own = ownLimits.maxConnections();
        return own > 0 ? own : session.current().maxConnectionsPerTorrent();
    }

    /** Counts payload received from a peer. */
    public void countDownloaded(int n) {
        counters.downloaded(n);
        session.countDownloaded(n);
    }

    /** Counts payload sent to a peer. */
    public void countUploaded(int n) {
        counters.uploaded(n);
        session.countUploaded(n);
    }

    /**
     * A peer's interest changed: run the choker now if a round may run early, else at the
     * next tick, rather than at the next 10 s round. Any thread.
     */
    public void interestChanged() {
        chokeRounds.soon();
        loop().execute(lifecycle::interestChanged);
    }

    // ------------------------------------------------------------------ piece layers (BEP 52)

    /** A peer sent BEP 52 hashes. */
    public void hashesFrom(PeerConnection pc, PeerMessage.Hashes h) {
        layers.hashesFrom(pc, h);
    }

    /** A peer refused a BEP 52 hash request. */
    public void hashRejectFrom(PeerConnection pc, PeerMessage.HashReject r) {
        layers.rejectedBy(pc, r);
    }

    /** @return the piece layers: hash trees, and their fetch from peers when the torrent lacks them */
    PieceLayers layers() {
        return layers;
    }

    /** Piece layers fetched from peers made the torrent complete (control loop). */
    void layersComplete(Torrent complete) {
        torrent = complete;
    }

    /** The storage that can verify v2 pieces replaced the one without layers. */
    void storageReplaced(Storage fresh) {
        storage = fresh;
    }

    // ------------------------------------------------------------------ pieces (any thread)

    /** Every block of {@code piece} is written: hash it. */
    public void pieceComplete(int piece) {
        completion.verify(piece);
    }

    /** @return the torrent's way to completion: verified pieces, wanted bytes, the completion future */
    PieceCompletion pieceCompletion() {
        return completion;
    }

    /** A storage error stops the torrent. */
    public void storageFailed(StorageException e) {
        if (e.error() == StorageError.CLOSED) {
            return;
        }
        loop.execute(() -> lifecycle.fail("storage: " + e.getMessage()));
    }

    // ------------------------------------------------------------------ life cycle

    /** Checks the data, then starts (or stays paused); a magnet link's fetches its metadata first. */
    public void start() {
        lifecycle.start();
    }

    /** @return the state machine */
    TorrentLifecycle lifecycle() {
        return lifecycle;
    }

    /** @return whether pieces are picked in order (sequential mode) */
    boolean sequential() {
        return sequential;
    }

    /** @return the file layout, or null before the metadata */
    FileLayout layout() {
        return layout;
    }

    /** @return the web seeds (BEP 19) */
    HttpSeeds httpSeeds() {
        return httpSeeds;
    }

    /** The data was checked: this picker is the one peers set up with from now on. Control loop. */
    void usePicker(PiecePicker p) {
        picker = p;
    }

    /** Marks the torrent changed. @return the new revision */
    public long touch() {
        long rev = session.events().next();
        revision = rev;
        return rev;
    }

    // ------------------------------------------------------------------ from the announcer (control loop)

    void trackerFailed(String url, String message) {
        long rev = touch();
        session.events().publish(new Event.TrackerError(id, rev, url, message == null ? "failed" : message));
    }

    // ------------------------------------------------------------------ metadata (control loop)

    /** @return a magnet link's metadata fetch (null for a torrent added with its metadata) */
    public MagnetPhase magnet() {
        return magnet;
    }

    /** The metadata hashed right but does not parse: the torrent itself is broken. Control loop. */
    void metadataUnusable(String message) {
        lifecycle.fail("the metadata from peers matches the info-hash but is not a valid torrent: " + message);
    }

    /** Bans a peer that lied (a metadata piece that does not verify): disconnected and never dialled again. */
    void ban(InetSocketAddress address, String reason) {
        hashFailures.ban(address, reason);
    }

    /**
     * @return the peers to tell {@code to} about ({@code ut_pex}): every other connected peer
     *         whose listen address we know, with its BEP 11 flags
     */
    public Map<InetSocketAddress, Integer> pexPeers(PeerConnection to) {
        return peers.pexPeers(to);
    }

    // ------------------------------------------------------------------ TorrentHandle

    @Override
    public InfoHash infoHash() {
        return infoHash;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        Torrent t = torrent;
        return t != null ? t.name() : magnet.displayName();
    }

    @Override
    public Optional<Torrent> metainfo() {
        return Optional.ofNullable(torrent);
    }

    @Override
    public TorrentStatus status() {
        boolean c = lifecycle.checked(); // first: the picker is set before it (a magnet link's has none before)
        PiecePicker p = picker;
        Torrent t = torrent;
        PieceGeometry g = geometry;
        long wanted = completion.wanted();
        long done = Math.min(completion.completed(), wanted);
        long rate = counters.downloadRate();
        long eta = t == null ? -1 : done == wanted ? 0 : rate > 0 ? (wanted - done) / rate : -1;
        double progress = t == null ? 0.0 : wanted == 0 ? 1.0 : (double) done / wanted;
        return new TorrentStatus(id, name(), lifecycle.state(), progress, t == null ? 0 : t.totalSize(), wanted, done,
                counters.downloaded(), counters.uploaded(), rate, counters.uploadRate(), peers.size(), peers.seeds(), eta,
                ratio(), lifecycle.error(), savePath, addedAt, completion.completedAt(), c ? p.stats().have() : 0,
                g == null ? 0 : g.pieceCount(), sequential, revision);
    }

    /** @return uploaded over downloaded (over the size before anything was downloaded) */
    double ratio() {
        long down = counters.downloaded();
        Torrent t = torrent;
        return (double) counters.uploaded() / Math.max(1, down > 0 ? down : t == null ? 0 : t.totalSize());
    }

    @Override
    public List<FileStatus> files() {
        FileLayout l = layout;
        boolean c = lifecycle.checked();
        return l == null ? List.of() : l.files(priorities.files(), c ? picker : null);
    }

    @Override
    public List<PeerInfo> peers() {
        List<PeerInfo> out = new ArrayList<>();
        for (PeerConnection pc : peers.all()) {
            out.add(pc.info());
        }
        return out;
    }

    @Override
    public List<TrackerStatus> trackers() {
        return announcer.statuses();
    }

    @Override
    public void pause() {
        lifecycle.pause();
    }

    @Override
    public void resume() {
        lifecycle.resume();
    }

    @Override
    public CompletableFuture<Void> recheck() {
        return session.forUser(lifecycle.recheck());
    }

    @Override
    public CompletableFuture<Void> move(Path newSavePath) {
        Path target = newSavePath.toAbsolutePath();
        CompletableFuture<Void> out = new CompletableFuture<>();
        loop.execute(() -> (storage == null ? CompletableFuture.<Void>completedFuture(null)
                : storage.move(target, loop)).whenComplete((v, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                savePath = target;
                touch();
                out.complete(null);
            }
        }));
        return session.forUser(out);
    }

    @Override
    public CompletableFuture<Void> remove(boolean deleteData) {
        return session.forUser(lifecycle.remove(deleteData));
    }

    @Override
    public void setFilePriorities(int... priorities) {
        this.priorities.set(priorities);
    }

    /** @return each piece's priority, from the files' */
    int[] piecePriorities() {
        return priorities.pieces();
    }

    @Override
    public void setSequential(boolean on) {
        sequential = on;
        loop.execute(() -> {
            if (lifecycle.checked()) {
                picker.setSequential(on ? Integer.MAX_VALUE : 0);
            }
            touch();
        });
    }

    @Override
    public void setLimits(TorrentLimits newLimits) {
        ownLimits = java.util.Objects.requireNonNull(newLimits, "limits");
        applyOwnLimits(newLimits);
        touch();
    }

    private void applyOwnLimits(TorrentLimits l) {
        limits.download().setRate(l.downloadRate());
        limits.upload().setRate(l.uploadRate());
    }

    @Override
    public TorrentLimits limits() {
        return ownLimits;
    }

    @Override
    public void addPeer(InetSocketAddress address) {
        java.util.Objects.requireNonNull(address, "address");
        swarm.add(address);
    }

    @Override
    public void reannounce() {
        loop.execute(announcer::force);
    }

    @Override
    public CompletableFuture<Void> saveResumeData() {
        return session.forUser(lifecycle.saveResumeData());
    }

    @Override
    public CompletableFuture<TorrentHandle> completion() {
        return completion.userFuture();
    }

    @Override
    public List<WebSeedStatus> webSeeds() {
        return httpSeeds.statuses();
    }

    @Override
    public void addWebSeed(String url) {
        httpSeeds.add(url);
    }

    // ------------------------------------------------------------------ protocol extras (any thread)

    /** @return whether super-seeding (BEP 16) is on (it applies while seeding) */
    @Override
    public boolean superSeeding() {
        return extras.superSeeding();
    }

    @Override
    public void setSuperSeeding(boolean on) {
        PieceGeometry g = geometry;
        if (g == null) {
            throw new IllegalStateException(id + ": the metadata is not known yet (a magnet link's arrives from peers)");
        }
        extras.setSuperSeeding(on, g.pieceCount());
        touch();
    }

    /** @return super-seeding and ut_holepunch: what peers ask of the torrent's protocol extras */
    public ProtocolExtras extras() {
        return extras;
    }

    /**
     * A read found a file missing or cut short: the storage no longer counts its pieces as
     * verified. Those pieces are lost: peers that speak lt_donthave hear so (BEP 54), they are
     * downloaded again, and a seeding torrent goes back to downloading.
     */
    public void piecesLost() {
        loop.execute(completion::lostFromDisk);
    }

    /** The session's settings changed. */
    public void settingsChanged() {
        touch();
    }

    // ------------------------------------------------------------------ session close

    /**
     * Stops for the session's close: closes connections and announces {@code stopped}.
     *
     * @return completes when the announce is over or {@link SessionImpl#STOP_ANNOUNCE_DEADLINE} passed
     */
    public CompletableFuture<Void> shutdown() {
        return lifecycle.shutdown();
    }

    /** Saves resume data and closes the files; blocks (called by the session's close, off the loops). */
    public void closeStorage() {
        lifecycle.closeStorage();
    }

    @Override
    public String toString() {
        return "Torrent[" + id + " " + name() + ", " + lifecycle.state() + "]";
    }
}
