package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Event;
import dev.torrpedo.engine.FileStatus;
import dev.torrpedo.engine.PeerInfo;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentLimits;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.engine.TrackerStatus;
import dev.torrpedo.engine.internal.choke.ChokeDecision;
import dev.torrpedo.engine.internal.choke.ChokePeer;
import dev.torrpedo.engine.internal.choke.Choker;
import dev.torrpedo.engine.internal.limit.TransferLimits;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.picker.BlockAddress;
import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.storage.CheckProgress;
import dev.torrpedo.storage.CheckResult;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.tracker.TorrentTrackers;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One torrent of a session: its state machine, storage, picker, trackers, choker and peers.
 *
 * <p>Threading: the control state (state machine, candidates, choker, announces, smart ban)
 * lives on one event loop, {@link #loop()}; public methods post to it. Peer connections, on
 * their own loops, use the lock-free picker, the storage, and the concurrent maps and
 * counters here; what they report that changes control state is posted to the loop.
 */
public final class TorrentImpl implements TorrentHandle {
    private static final Logger LOG = LoggerFactory.getLogger(TorrentImpl.class);
    private static final long TICK_MILLIS = 1000;
    private static final long EARLY_CHOKE_NANOS = 1_000_000_000L;
    private static final int DIALS_PER_TICK = 10;
    private static final int RATE_WINDOW = 5;

    private final SessionImpl session;
    private final Torrent torrent;
    private final InfoHash infoHash;
    private final String id;
    private final EventLoop loop;
    private final PieceGeometry geometry;
    private final RandomGenerator random;
    private final Storage storage;
    private final TransferLimits limits;
    private final Announcer announcer;
    private final Candidates candidates = new Candidates();
    private final SmartBan smartBan = new SmartBan();
    private final ConcurrentHashMap<Long, PeerConnection> peers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, PeerConnection> byPickerId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<PeerId, PeerConnection> byPeerId = new ConcurrentHashMap<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final LongAdder downloaded = new LongAdder();
    private final LongAdder uploaded = new LongAdder();
    private final Instant addedAt;

    private volatile PiecePicker picker;
    private volatile TorrentState state = TorrentState.CHECKING;
    private volatile String error;
    private volatile Path savePath;
    private volatile TorrentLimits ownLimits;
    private volatile int[] filePriorities;
    private volatile boolean sequential;
    private volatile long wantedSize;
    private volatile long completedWanted;
    private volatile long revision;
    private volatile Instant completedAt;
    private volatile CompletableFuture<TorrentHandle> completion = new CompletableFuture<>();
    private volatile long downloadRate;
    private volatile long uploadRate;
    private volatile boolean chokeSoon;
    private volatile boolean removed;
    private volatile CheckResult lastCheck;

    // control loop only
    private Choker choker;
    private int chokerSlots;
    private boolean checked;
    private boolean pauseRequested;
    private ScheduledFuture<?> ticker;
    private long lastChoke = Long.MIN_VALUE / 2;
    private long lastResumeSave;
    private long savedDownloaded = -1;
    private long seedingSinceNanos;
    private final long[] rateTimes = new long[RATE_WINDOW + 1];
    private final long[] rateDown = new long[RATE_WINDOW + 1];
    private final long[] rateUp = new long[RATE_WINDOW + 1];
    private int rateSamples;

    /**
     * Creates the torrent; {@link #start()} checks its data and starts it.
     *
     * @param loop the event loop its control state lives on
     */
    public TorrentImpl(SessionImpl session, Torrent torrent, Path savePath, AddTorrent add, EventLoop loop) {
        this.session = session;
        this.torrent = torrent;
        this.infoHash = torrent.infoHash();
        this.id = infoHash.id();
        this.loop = loop;
        this.geometry = new PieceGeometry(torrent.totalSize(), torrent.pieceLength());
        this.random = session.newRandom();
        this.savePath = savePath;
        this.ownLimits = add.limits();
        this.pauseRequested = add.paused();
        this.sequential = add.sequential();
        int[] prio = add.filePriorities();
        this.filePriorities = prio.length == 0 ? defaultPriorities(torrent) : prio;
        this.storage = session.storageFactory().open(StorageParams.of(torrent, savePath)
                .withResumeFile(session.resumeFile(infoHash)).withFilePriorities(this.filePriorities));
        this.limits = session.limits().newChild();
        applyOwnLimits(ownLimits);
        List<List<URI>> tiers = new ArrayList<>();
        for (List<String> tier : torrent.trackers()) {
            List<URI> t = new ArrayList<>();
            for (String url : tier) {
                try {
                    t.add(URI.create(url));
                } catch (IllegalArgumentException e) {
                    LOG.debug("{}: ignoring tracker URL {}", id, url);
                }
            }
            tiers.add(t);
        }
        this.announcer = new Announcer(this, TorrentTrackers.create(tiers, session.trackerClient(),
                session.trackerSettings(), session.clock().clock(), random));
        this.picker = new PiecePicker(geometry, random);
        this.addedAt = session.clock().now();
        this.chokerSlots = session.current().unchokeSlots();
        this.choker = new Choker(chokerSlots, random);
        this.wantedSize = wanted(piecePriorities());
        this.revision = session.events().current();
    }

    private static int[] defaultPriorities(Torrent t) {
        int[] p = new int[t.files().size()];
        Arrays.fill(p, PiecePicker.DEFAULT_PRIORITY);
        return p;
    }

    // ------------------------------------------------------------------ accessors for peers

    /** @return the session */
    public SessionImpl session() {
        return session;
    }

    /** @return the parsed torrent */
    public Torrent torrent() {
        return torrent;
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

    /** @return whether peers may connect now (downloading or seeding) */
    public boolean acceptsPeers() {
        TorrentState s = state;
        return !removed && (s == TorrentState.DOWNLOADING || s == TorrentState.SEEDING);
    }

    /** @return whether we have every wanted piece */
    public boolean isSeeding() {
        return state == TorrentState.SEEDING;
    }

    /** @return the connected peers (handshake done) */
    public Collection<PeerConnection> connections() {
        return peers.values();
    }

    /** @return the connected peer the picker knows by {@code pickerId}, or null */
    public PeerConnection peerByPickerId(int pickerId) {
        return byPickerId.get(pickerId);
    }

    /** @return the number of connected peers */
    public int peerCount() {
        return peers.size();
    }

    /** @return payload bytes/s received */
    public long downloadRate() {
        return downloadRate;
    }

    /** @return payload bytes/s sent */
    public long uploadRate() {
        return uploadRate;
    }

    /** @return payload bytes received */
    public long downloadedBytes() {
        return downloaded.sum();
    }

    /** @return payload bytes sent */
    public long uploadedBytes() {
        return uploaded.sum();
    }

    /** @return bytes of wanted pieces still missing */
    public long leftBytes() {
        return Math.max(0, wantedSize - completedWanted);
    }

    /** @return what the last check of the data found, or null before it ends */
    public CheckResult lastCheck() {
        return lastCheck;
    }

    /**
     * @return whether the torrent would dial {@code address} (it knows it and has not given up
     *         on it: not us, not banned, not failed too often); answered on the control loop
     */
    public CompletableFuture<Boolean> willDial(InetSocketAddress address) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        loop.execute(() -> {
            Candidates.Candidate c = candidates.get(address);
            f.complete(c != null && !c.never && !session.bans().isBanned(address));
        });
        return f;
    }

    /** @return the size of the info dictionary (for {@code metadata_size}) */
    public int infoSize() {
        return torrent.infoBuffer().remaining();
    }

    // ------------------------------------------------------------------ connection bookkeeping (any thread)

    /** Reserves one of the torrent's connections. @return false at its limit */
    public boolean tryReserveConnection() {
        int max = maxConnections();
        while (true) {
            int n = connectionCount.get();
            if (n >= max) {
                return false;
            }
            if (connectionCount.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a connection reserved by {@link #tryReserveConnection()}. */
    public void releaseConnection() {
        connectionCount.decrementAndGet();
    }

    private int maxConnections() {
        int own = ownLimits.maxConnections();
        return own > 0 ? own : session.current().maxConnectionsPerTorrent();
    }

    /**
     * A peer finished its handshake. A second connection to a peer we are already connected
     * to (same peer id) is refused, except that when the two run in opposite directions both
     * ends keep the one opened by the peer with the greater id, so they agree.
     *
     * @return whether the connection may go on
     */
    public boolean register(PeerConnection pc) {
        if (!acceptsPeers()) {
            return false;
        }
        boolean[] accepted = {false};
        PeerConnection[] displaced = {null};
        byPeerId.compute(pc.peerId(), (k, existing) -> {
            if (existing == null) {
                accepted[0] = true;
                return pc;
            }
            if (existing.outbound() != pc.outbound()) {
                boolean weAreGreater = compare(session.peerId().bytes(), pc.peerId().bytes()) > 0;
                boolean keepNew = pc.outbound() == weAreGreater;
                if (keepNew) {
                    displaced[0] = existing;
                    accepted[0] = true;
                    return pc;
                }
            }
            return existing;
        });
        if (!accepted[0]) {
            return false;
        }
        if (displaced[0] != null) {
            displaced[0].close("a connection the other way replaces it");
        }
        peers.put(pc.id(), pc);
        byPickerId.put(pc.pickerId(), pc);
        InetSocketAddress endpoint = pc.endpoint();
        loop.execute(() -> candidates.connected(endpoint, session.clock().nanos()));
        if (!acceptsPeers()) { // paused or removed meanwhile: the close sweep may have missed it
            unregister(pc);
            return false;
        }
        touch();
        return true;
    }

    private static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** A registered peer's connection ended. */
    public void unregister(PeerConnection pc) {
        if (peers.remove(pc.id(), pc)) {
            byPickerId.remove(pc.pickerId(), pc);
            byPeerId.remove(pc.peerId(), pc);
            int pickerId = pc.pickerId();
            InetSocketAddress endpoint = pc.endpoint();
            loop.execute(() -> smartBan.departed(pickerId, endpoint));
            touch();
        }
    }

    /**
     * A connection ended (whether or not it got past the handshake): the dial bookkeeping.
     *
     * @param outcome what the candidate list should learn
     */
    public void connectionEnded(InetSocketAddress endpoint, PeerConnection.Outcome outcome) {
        loop.execute(() -> {
            long now = session.clock().nanos();
            switch (outcome) {
                case FAILED:
                    candidates.failed(endpoint, now);
                    break;
                case ENDED:
                    candidates.ended(endpoint, now);
                    break;
                case RETRY_PLAINTEXT:
                    candidates.retryPlaintext(endpoint, now);
                    if (acceptsPeers()) {
                        connectPeers(now);
                    }
                    break;
                case NEVER:
                    candidates.never(endpoint);
                    break;
                default:
                    throw new AssertionError(outcome);
            }
        });
    }

    /** An incoming peer told us the port it listens on: do not dial it while connected. */
    public void listensAt(InetSocketAddress endpoint) {
        loop.execute(() -> candidates.connected(endpoint, session.clock().nanos()));
    }

    /** Counts payload received from a peer. */
    public void countDownloaded(int n) {
        downloaded.add(n);
        session.countDownloaded(n);
    }

    /** Counts payload sent to a peer. */
    public void countUploaded(int n) {
        uploaded.add(n);
        session.countUploaded(n);
    }

    /** A peer's interest changed: run the choker soon rather than at the next 10 s round. */
    public void interestChanged() {
        chokeSoon = true;
    }

    // ------------------------------------------------------------------ pieces (any thread)

    /** Every block of {@code piece} is written: hash it. */
    public void pieceComplete(int piece) {
        storage.verify(piece, loop, this::verified);
    }

    private void verified(int piece, boolean passed, StorageException failure) {
        PiecePicker p = picker;
        if (failure != null) {
            if (failure.error() != StorageError.CLOSED) {
                LOG.warn("{}: hashing piece {} failed", id, piece, failure);
                p.pieceFailed(piece);
                storageFailed(failure);
            }
            return;
        }
        if (passed) {
            if (!p.pieceVerified(piece)) {
                return;
            }
            if (p.piecePriority(piece) > 0) {
                completedWanted += geometry.pieceLength(piece);
            }
            for (PeerConnection pc : peers.values()) {
                pc.pieceVerified(piece);
            }
            long rev = touch();
            session.events().publish(new Event.PieceVerified(id, rev, piece));
            if (p.isComplete() && state == TorrentState.DOWNLOADING) {
                completed();
            }
        } else {
            int[] senders = p.blockSenders(piece);
            p.pieceFailed(piece);
            LOG.debug("{}: piece {} failed its hash check", id, piece);
            SmartBan.Verdict v = smartBan.failed(senders, pid -> {
                PeerConnection pc = byPickerId.get(pid);
                return pc == null ? null : pc.endpoint();
            });
            for (InetSocketAddress bad : v.ban()) {
                ban(bad, v.reason());
            }
            for (PeerConnection pc : peers.values()) {
                pc.refill();
            }
        }
    }

    private void ban(InetSocketAddress address, String reason) {
        if (session.bans().ban(address)) {
            LOG.info("{}: banning {}: {}", id, address, reason);
            long rev = touch();
            session.events().publish(new Event.PeerBanned(id, rev, address, reason));
        }
        candidates.never(address);
        session.disconnectBanned(address);
    }

    private void completed() {
        completedAt = session.clock().now();
        seedingSinceNanos = session.clock().nanos();
        setState(TorrentState.SEEDING);
        long rev = touch();
        session.events().publish(new Event.TorrentCompleted(id, rev));
        completion.complete(this);
        announcer.completed();
        saveResume();
        for (PeerConnection pc : peers.values()) {
            pc.torrentCompleted();
        }
    }

    /** A storage error stops the torrent. */
    public void storageFailed(StorageException e) {
        if (e.error() == StorageError.CLOSED) {
            return;
        }
        loop.execute(() -> fail("storage: " + e.getMessage()));
    }

    private void fail(String message) {
        if (removed || state == TorrentState.ERROR) {
            return;
        }
        LOG.warn("{}: stopped on an error: {}", id, message);
        deactivate();
        error = message;
        setState(TorrentState.ERROR);
        long rev = touch();
        session.events().publish(new Event.TorrentError(id, rev, message));
        CompletableFuture<TorrentHandle> c = completion;
        if (!c.isDone()) {
            c.completeExceptionally(new IllegalStateException(id + ": " + message));
            completion = new CompletableFuture<>();
        }
    }

    // ------------------------------------------------------------------ life cycle (control loop)

    /** Checks the data, then starts (or stays paused). */
    public void start() {
        loop.execute(() -> check(false).whenComplete((v, e) -> {
        }));
    }

    private CompletableFuture<Void> check(boolean full) {
        setState(TorrentState.CHECKING);
        CompletableFuture<CheckResult> f = full ? storage.recheck(CheckProgress.NONE, loop)
                : storage.checkFiles(CheckProgress.NONE, loop);
        return f.handle((r, e) -> {
            checked(r, e);
            if (e != null) {
                throw new IllegalStateException("checking " + id + " failed: " + e.getMessage(), e);
            }
            return null;
        });
    }

    private void checked(CheckResult r, Throwable e) {
        if (removed) {
            return;
        }
        if (e != null) {
            fail("checking the files failed: " + e.getMessage());
            return;
        }
        lastCheck = r;
        PiecePicker p = new PiecePicker(geometry, random);
        int[] prio = piecePriorities();
        p.setPiecePriorities(prio);
        if (sequential) {
            p.setSequential(Integer.MAX_VALUE);
        }
        BitSet have = r.verified();
        long done = 0;
        for (int i = have.nextSetBit(0); i >= 0; i = have.nextSetBit(i + 1)) {
            p.weHave(i);
            if (prio[i] > 0) {
                done += geometry.pieceLength(i);
            }
        }
        picker = p;
        completedWanted = done;
        wantedSize = wanted(prio);
        if (!p.isComplete() && completion.isDone()) {
            completion = new CompletableFuture<>(); // a recheck found pieces missing: complete again later
            completedAt = null;
        }
        List<Integer> toVerify = new ArrayList<>();
        PickerPeer resumed = p.newPeer();
        for (Map.Entry<Integer, BitSet> u : r.unfinished().entrySet()) {
            int piece = u.getKey();
            if (piece < 0 || piece >= geometry.pieceCount() || p.has(piece)) {
                continue;
            }
            BitSet blocks = u.getValue();
            int count = geometry.blockCount(piece);
            for (int b = blocks.nextSetBit(0); b >= 0 && b < count; b = blocks.nextSetBit(b + 1)) {
                long a = BlockAddress.of(piece, b);
                if (p.received(resumed, a).accepted() && p.blockWritten(a)) {
                    toVerify.add(piece);
                }
            }
        }
        LOG.debug("{}: checked, {} pieces verified ({} hashed, resume data {}), {} unfinished", id, have.cardinality(),
                r.hashedPieces(), r.resumeDataUsed() ? "used" : "not used", r.unfinished().size());
        checked = true;
        for (int piece : toVerify) {
            pieceComplete(piece);
        }
        if (pauseRequested) {
            setState(TorrentState.PAUSED);
        } else {
            activate();
        }
        touch();
    }

    private void activate() {
        boolean complete = picker.isComplete();
        if (complete) {
            if (completedAt == null) {
                completedAt = session.clock().now();
            }
            seedingSinceNanos = session.clock().nanos();
            completion.complete(this);
        }
        setState(complete ? TorrentState.SEEDING : TorrentState.DOWNLOADING);
        announcer.start();
        candidates.restart(session.clock().nanos());
        if (ticker == null) {
            ticker = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        connectPeers(session.clock().nanos());
    }

    /** Closes every connection and stops announcing; the state is the caller's to set. */
    private CompletableFuture<Void> deactivate() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        for (PeerConnection pc : peers.values()) {
            pc.close("torrent stopped");
        }
        return announcer.stop();
    }

    private void tick() {
        try {
            long now = session.clock().nanos();
            sampleRates(now);
            if (!acceptsPeers()) {
                return;
            }
            connectPeers(now);
            if (now - lastChoke >= dev.torrpedo.engine.internal.choke.Choker.ROUND_NANOS
                    || (chokeSoon && now - lastChoke >= EARLY_CHOKE_NANOS)) {
                chokeRound(now);
            }
            announcer.tick();
            seedLimits(now);
            saveResumeIfDue(now);
        } catch (RuntimeException e) {
            LOG.error("{}: tick failed", id, e);
        }
    }

    private void sampleRates(long now) {
        int slot = rateSamples % rateTimes.length;
        rateTimes[slot] = now;
        rateDown[slot] = downloaded.sum();
        rateUp[slot] = uploaded.sum();
        rateSamples++;
        int oldest = rateSamples < rateTimes.length ? 0 : rateSamples % rateTimes.length;
        long span = now - rateTimes[oldest];
        long d = span <= 0 ? 0 : (rateDown[slot] - rateDown[oldest]) * 1_000_000_000L / span;
        long u = span <= 0 ? 0 : (rateUp[slot] - rateUp[oldest]) * 1_000_000_000L / span;
        if (d != downloadRate || u != uploadRate) {
            downloadRate = d;
            uploadRate = u;
            touch();
        }
    }

    private void connectPeers(long now) {
        int room = Math.min(DIALS_PER_TICK, maxConnections() - connectionCount.get());
        if (room <= 0) {
            return;
        }
        for (Candidates.Candidate c : candidates.due(now, room)) {
            if (session.bans().isBanned(c.address)) {
                candidates.never(c.address);
                continue;
            }
            if (!session.tryDial()) {
                return;
            }
            if (!tryReserveConnection()) {
                return;
            }
            if (!session.tryReserveConnection()) {
                releaseConnection();
                return;
            }
            c.connected = true;
            session.dial(this, c.address, c.plaintext);
        }
    }

    private void chokeRound(long now) {
        lastChoke = now;
        chokeSoon = false;
        int slots = session.current().unchokeSlots();
        if (slots != chokerSlots) {
            chokerSlots = slots;
            choker = new Choker(slots, random);
        }
        List<PeerConnection> list = new ArrayList<>(peers.values());
        List<ChokePeer> snapshot = new ArrayList<>(list.size());
        for (PeerConnection pc : list) {
            snapshot.add(pc.chokeSnapshot(now));
        }
        ChokeDecision d = choker.decide(snapshot, state == TorrentState.SEEDING, now);
        for (PeerConnection pc : list) {
            boolean unchoke = d.unchokes(pc.id());
            if (unchoke == pc.amChoking()) {
                pc.setChoking(!unchoke);
            }
        }
    }

    private void seedLimits(long now) {
        if (state != TorrentState.SEEDING) {
            return;
        }
        Settings s = session.current();
        TorrentLimits own = ownLimits;
        double ratioLimit = own.seedRatio() > 0 ? own.seedRatio() : s.seedRatioLimit();
        Duration timeLimit = own.seedTime() != null ? own.seedTime() : s.seedTimeLimit();
        boolean stop = ratioLimit > 0 && ratio() >= ratioLimit;
        if (timeLimit != null && now - seedingSinceNanos >= timeLimit.toNanos()) {
            stop = true;
        }
        if (stop) {
            LOG.info("{}: seed limit reached, pausing", id);
            doPause();
        }
    }

    private void saveResumeIfDue(long now) {
        long d = downloaded.sum();
        if (d != savedDownloaded && now - lastResumeSave >= session.current().resumeSaveInterval().toNanos()) {
            saveResume();
        }
    }

    private CompletableFuture<Void> saveResume() {
        lastResumeSave = session.clock().nanos();
        savedDownloaded = downloaded.sum();
        return storage.saveResumeData(loop).exceptionally(e -> {
            LOG.warn("{}: saving resume data failed", id, e);
            return null;
        });
    }

    private void setState(TorrentState to) {
        TorrentState from = state;
        if (from == to) {
            return;
        }
        state = to;
        long rev = touch();
        session.events().publish(new Event.StateChanged(id, rev, from, to));
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

    void peersFound(List<InetSocketAddress> found) {
        long now = session.clock().nanos();
        for (InetSocketAddress a : found) {
            if (!a.isUnresolved() && a.getPort() != 0 && !isUs(a)) {
                candidates.add(a, now);
            }
        }
        if (acceptsPeers()) {
            connectPeers(now);
        }
    }

    private boolean isUs(InetSocketAddress a) {
        return a.getPort() == session.listenPort() && (a.getAddress().isLoopbackAddress() || a.getAddress().isAnyLocalAddress());
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
        return torrent.name();
    }

    @Override
    public Optional<Torrent> metainfo() {
        return Optional.of(torrent);
    }

    @Override
    public TorrentStatus status() {
        PiecePicker p = picker;
        int seeds = 0;
        for (PeerConnection pc : peers.values()) {
            if (pc.isSeed()) {
                seeds++;
            }
        }
        long wanted = wantedSize;
        long done = Math.min(completedWanted, wanted);
        long down = downloaded.sum();
        long up = uploaded.sum();
        long rate = downloadRate;
        long eta = done == wanted ? 0 : rate > 0 ? (wanted - done) / rate : -1;
        return new TorrentStatus(id, torrent.name(), state, wanted == 0 ? 1.0 : (double) done / wanted,
                torrent.totalSize(), wanted, done, down, up, rate, uploadRate, peers.size(), seeds, eta, ratio(),
                error, savePath, addedAt, completedAt, checked ? p.stats().have() : 0, geometry.pieceCount(), sequential,
                revision);
    }

    private double ratio() {
        long down = downloaded.sum();
        long up = uploaded.sum();
        return (double) up / Math.max(1, down > 0 ? down : torrent.totalSize());
    }

    @Override
    public List<FileStatus> files() {
        PiecePicker p = picker;
        int[] prio = filePriorities;
        List<FileStatus> out = new ArrayList<>();
        long pieceLength = geometry.pieceLength();
        for (TorrentFile f : torrent.files()) {
            long done = 0;
            if (f.length() > 0 && checked) {
                int first = (int) (f.offset() / pieceLength);
                int last = (int) ((f.offset() + f.length() - 1) / pieceLength);
                for (int i = first; i <= last; i++) {
                    if (p.has(i)) {
                        long start = Math.max(f.offset(), i * pieceLength);
                        long end = Math.min(f.endOffset(), i * pieceLength + geometry.pieceLength(i));
                        done += end - start;
                    }
                }
            }
            out.add(new FileStatus(f.index(), String.join("/", f.safePath()), f.length(), done,
                    f.isPad() ? 0 : prio[f.index()], f.isPad()));
        }
        return out;
    }

    @Override
    public List<PeerInfo> peers() {
        List<PeerInfo> out = new ArrayList<>();
        for (PeerConnection pc : peers.values()) {
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
        loop.execute(this::doPause);
    }

    private void doPause() {
        if (removed) {
            return;
        }
        if (state == TorrentState.CHECKING) {
            pauseRequested = true;
            return;
        }
        if (state == TorrentState.DOWNLOADING || state == TorrentState.SEEDING) {
            deactivate();
            setState(TorrentState.PAUSED);
            saveResume();
        }
    }

    @Override
    public void resume() {
        loop.execute(() -> {
            if (removed) {
                return;
            }
            pauseRequested = false;
            if (state == TorrentState.PAUSED) {
                if (checked) {
                    activate();
                } else {
                    check(false);
                }
            } else if (state == TorrentState.ERROR) {
                error = null;
                check(false);
            }
        });
    }

    @Override
    public CompletableFuture<Void> recheck() {
        CompletableFuture<Void> out = new CompletableFuture<>();
        loop.execute(() -> {
            if (removed) {
                out.completeExceptionally(new IllegalStateException(id + " was removed"));
                return;
            }
            pauseRequested = pauseRequested || state == TorrentState.PAUSED;
            deactivate();
            checked = false;
            check(true).whenComplete((v, e) -> {
                if (e != null) {
                    out.completeExceptionally(e);
                } else {
                    out.complete(null);
                }
            });
        });
        return session.forUser(out);
    }

    @Override
    public CompletableFuture<Void> move(Path newSavePath) {
        Path target = newSavePath.toAbsolutePath();
        CompletableFuture<Void> out = new CompletableFuture<>();
        loop.execute(() -> storage.move(target, loop).whenComplete((v, e) -> {
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
        CompletableFuture<Void> out = new CompletableFuture<>();
        loop.execute(() -> {
            if (removed) {
                out.complete(null);
                return;
            }
            removed = true;
            deactivate();
            session.forget(this);
            CompletableFuture<Void> gone = deleteData ? storage.delete(loop) : storage.closeAsync(loop);
            gone.whenComplete((v, e) -> {
                long rev = touch();
                session.events().removed(id, rev);
                session.events().publish(new Event.TorrentRemoved(id, rev));
                completion.completeExceptionally(new IllegalStateException(id + " was removed"));
                if (e != null) {
                    out.completeExceptionally(e);
                } else {
                    out.complete(null);
                }
            });
        });
        return session.forUser(out);
    }

    @Override
    public void setFilePriorities(int... priorities) {
        if (priorities.length != torrent.files().size()) {
            throw new IllegalArgumentException("priorities: " + priorities.length + " (expected: "
                    + torrent.files().size() + ", one per file)");
        }
        for (int p : priorities) {
            if (p < 0 || p > PiecePicker.MAX_PRIORITY) {
                throw new IllegalArgumentException("priority: " + p + " (expected: 0..7)");
            }
        }
        int[] copy = priorities.clone();
        loop.execute(() -> {
            if (removed) {
                return;
            }
            filePriorities = copy;
            storage.setFilePriorities(copy, loop);
            if (!checked) {
                return;
            }
            PiecePicker p = picker;
            int[] prio = piecePriorities();
            p.setPiecePriorities(prio);
            long done = 0;
            for (int i = 0; i < prio.length; i++) {
                if (prio[i] > 0 && p.has(i)) {
                    done += geometry.pieceLength(i);
                }
            }
            completedWanted = done;
            wantedSize = wanted(prio);
            if (state == TorrentState.SEEDING && !p.isComplete()) {
                if (completion.isDone()) {
                    completion = new CompletableFuture<>();
                }
                setState(TorrentState.DOWNLOADING);
                long now = session.clock().nanos();
                candidates.restart(now); // seeds we left while seeding are worth dialling again
                connectPeers(now);
            } else if (state == TorrentState.DOWNLOADING && p.isComplete()) {
                completed();
            }
            for (PeerConnection pc : peers.values()) {
                pc.prioritiesChanged();
            }
            touch();
        });
    }

    private int[] piecePriorities() {
        int[] fp = filePriorities;
        int[] prio = new int[geometry.pieceCount()];
        long pl = geometry.pieceLength();
        for (TorrentFile f : torrent.files()) {
            if (f.length() == 0 || f.isPad()) {
                continue;
            }
            int first = (int) (f.offset() / pl);
            int last = (int) ((f.offset() + f.length() - 1) / pl);
            int p = fp[f.index()];
            for (int i = first; i <= last && i < prio.length; i++) {
                prio[i] = Math.max(prio[i], p);
            }
        }
        return prio;
    }

    private long wanted(int[] prio) {
        long w = 0;
        for (int i = 0; i < prio.length; i++) {
            if (prio[i] > 0) {
                w += geometry.pieceLength(i);
            }
        }
        return w;
    }

    @Override
    public void setSequential(boolean on) {
        sequential = on;
        loop.execute(() -> {
            if (checked) {
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
        loop.execute(() -> {
            long now = session.clock().nanos();
            candidates.add(address, now);
            if (acceptsPeers()) {
                connectPeers(now);
            }
        });
    }

    @Override
    public void reannounce() {
        loop.execute(announcer::force);
    }

    @Override
    public CompletableFuture<Void> saveResumeData() {
        CompletableFuture<Void> out = new CompletableFuture<>();
        loop.execute(() -> saveResume().whenComplete((v, e) -> out.complete(null)));
        return session.forUser(out);
    }

    @Override
    public CompletableFuture<TorrentHandle> completion() {
        return session.forUser(completion);
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
        CompletableFuture<Void> out = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                deactivate().whenComplete((v, e) -> out.complete(null));
                loop.schedule(() -> out.complete(null), SessionImpl.STOP_ANNOUNCE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                removed = true;
                CompletableFuture<TorrentHandle> c = completion;
                if (!c.isDone()) {
                    c.completeExceptionally(new IllegalStateException("the session closed"));
                }
            });
        } catch (RuntimeException e) {
            out.complete(null);
        }
        return out;
    }

    /** Saves resume data and closes the files; blocks (called by the session's close, off the loops). */
    public void closeStorage() {
        try {
            storage.close();
        } catch (StorageException e) {
            LOG.warn("{}: closing the storage failed", id, e);
        }
    }

    @Override
    public String toString() {
        return "Torrent[" + id + " " + torrent.name() + ", " + state + "]";
    }
}
