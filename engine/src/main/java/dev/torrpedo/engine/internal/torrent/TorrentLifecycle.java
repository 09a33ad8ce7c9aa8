package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.Event;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.CheckProgress;
import dev.torrpedo.storage.CheckResult;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The torrent's state machine ({@link TorrentState}): fetching a magnet link's metadata,
 * checking the data, downloading, seeding, paused, stopped on an error, removed; what each
 * step starts and stops (announces, dials, the once-a-second tick with the choker, seed
 * limits and resume saves); and the user's pause, resume, recheck and remove.
 *
 * <p>Threading: everything that changes state runs on the torrent's control loop; the
 * methods that say "posts" may be called from any thread. The state, the error and the
 * flags peers read ({@link #acceptsPeers()}, {@link #checked()}) are volatile.
 */
final class TorrentLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TorrentLifecycle.class);
    private static final long TICK_MILLIS = 1000;

    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final EventLoop loop;
    private final String id;
    private final Announcer announcer;
    private final PeerDialer dialer;
    private final PeerSources sources;
    private final PeerRegistry peers;
    private final ChokeRounds chokeRounds;
    private final TransferCounters counters;
    private final PieceCompletion completion;
    private final SeedLimits seedLimits = new SeedLimits();
    private final ResumeSaver resume;

    private volatile TorrentState state = TorrentState.CHECKING;
    private volatile String error;
    private volatile boolean removed;
    private boolean removedWithData;
    private volatile CheckResult lastCheck;
    /** Whether the data was checked: the picker is the one peers set up with (read by peers' loops). */
    private volatile boolean checked;
    // control loop only
    private boolean pauseRequested;
    private ScheduledFuture<?> ticker;
    /** The data is being checked right after a magnet link's metadata arrived: keep the connections. */
    private boolean keepConnections;

    TorrentLifecycle(TorrentImpl torrent, SessionImpl session, Announcer announcer, PeerDialer dialer,
                     PeerSources sources, PeerRegistry peers, ChokeRounds chokeRounds, TransferCounters counters,
                     PieceCompletion completion, boolean paused) {
        this.torrent = torrent;
        this.session = session;
        this.loop = torrent.loop();
        this.id = torrent.id();
        this.announcer = announcer;
        this.dialer = dialer;
        this.sources = sources;
        this.peers = peers;
        this.chokeRounds = chokeRounds;
        this.counters = counters;
        this.completion = completion;
        this.resume = new ResumeSaver(torrent, session, counters);
        this.pauseRequested = paused;
    }

    // ------------------------------------------------------------------ read from any thread

    /** @return the state now */
    TorrentState state() {
        return state;
    }

    /** @return why the torrent stopped, or null unless it is in {@link TorrentState#ERROR} */
    String error() {
        return error;
    }

    /** @return whether it was removed (or its session closed) */
    boolean removed() {
        return removed;
    }

    /** @return whether the torrent was removed with its data (control loop) */
    boolean removedWithData() {
        return removedWithData;
    }

    /** @return whether the data was checked and the picker set up */
    boolean checked() {
        return checked;
    }

    /** @return what the last check of the data found, or null before it ends */
    CheckResult lastCheck() {
        return lastCheck;
    }

    /** @return whether peers may connect now (fetching metadata, downloading or seeding) */
    boolean acceptsPeers() {
        TorrentState s = state;
        return !removed && (s == TorrentState.DOWNLOADING || s == TorrentState.SEEDING
                || s == TorrentState.FETCHING_METADATA);
    }

    // ------------------------------------------------------------------ starting

    /** Checks the data, then starts (or stays paused); a magnet link's fetches its metadata first. Posts. */
    void start() {
        loop.execute(() -> {
            if (torrent.torrent() == null) {
                fetchMetadata();
            } else {
                check(false).whenComplete((v, e) -> {
                });
            }
        });
    }

    /** A magnet link's torrent looks for peers and asks them for the metadata (or stays paused). */
    private void fetchMetadata() {
        if (pauseRequested) {
            setState(TorrentState.PAUSED);
            return;
        }
        setState(TorrentState.FETCHING_METADATA);
        goOnline(true);
    }

    /** Announces, dials, ticks: what a torrent does while it has peers. */
    private void goOnline(boolean fresh) {
        long now = session.clock().nanos();
        announcer.start();
        if (fresh) {
            dialer.restart(now);
        }
        sources.start(now);
        if (ticker == null) {
            ticker = loop.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        dialer.dial(now, torrent.maxConnections());
    }

    /**
     * The magnet link's metadata arrived and matched the info-hash: set up the storage and the
     * picker, keep the connections, check the data and go on as any torrent.
     */
    void metadataVerified(Torrent t) {
        if (removed || torrent.torrent() != null) {
            return;
        }
        torrent.useMetadata(t);
        LOG.info("{}: metadata received: {} ({} files, {} pieces)", id, t.name(), t.files().size(), t.pieceCount());
        long rev = torrent.touch();
        session.events().publish(new Event.MetadataReceived(id, rev, t.name()));
        session.saveMetadata(t);
        keepConnections = true;
        check(false).whenComplete((v, e) -> {
        });
    }

    private CompletableFuture<Void> check(boolean full) {
        setState(TorrentState.CHECKING);
        Storage storage = torrent.storage();
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
        int[] prio = torrent.piecePriorities();
        ResumedPicker resumed = ResumedPicker.of(r, torrent.geometry(), session.newRandom(), prio, torrent.sequential());
        PiecePicker p = resumed.picker();
        torrent.usePicker(p);
        completion.recount(resumed.completed(), torrent.layout().wanted(prio));
        if (!p.isComplete() && completion.isDone()) {
            completion.reopen(); // a recheck found pieces missing: complete again later
            completion.forgetCompletedAt();
        }
        LOG.debug("{}: checked, {} pieces verified ({} hashed, resume data {}), {} unfinished", id, p.stats().have(),
                r.hashedPieces(), r.resumeDataUsed() ? "used" : "not used", r.unfinished().size());
        checked = true;
        for (int piece : resumed.toVerify()) {
            completion.verify(piece);
        }
        if (pauseRequested) {
            setState(TorrentState.PAUSED);
        } else {
            activate();
        }
        torrent.touch();
    }

    private void activate() {
        boolean complete = torrent.picker().isComplete();
        if (complete) {
            completion.stamp(true);
            seedLimits.seedingFrom(session.clock().nanos());
        }
        setState(complete ? TorrentState.SEEDING : TorrentState.DOWNLOADING);
        if (complete) {
            completion.complete(); // after the state: whoever the future wakes sees SEEDING
        }
        goOnline(!keepConnections);
        keepConnections = false;
        for (PeerConnection pc : peers.all()) {
            pc.commands().metadataReady(); // those that connected while a magnet link's metadata was fetched
        }
    }

    /** Closes every connection and stops announcing; the state is the caller's to set. */
    private CompletableFuture<Void> deactivate() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        sources.stop();
        for (PeerConnection pc : peers.all()) {
            pc.commands().close("torrent stopped");
        }
        torrent.httpSeeds().stop();
        return announcer.stop();
    }

    /**
     * Control loop: a peer's interest changed, so a choke round runs now if one may run early.
     * A peer that asks first need not wait for the next tick, up to a second, before its
     * first block: a libtorrent leecher of our seeder was choked for 0.4 s after its
     * INTERESTED, downloading only its allowed-fast pieces.
     */
    void interestChanged() {
        if (!acceptsPeers() || !checked) {
            return;
        }
        chokeRounds.tick(peers.all(), session.current().unchokeSlots(), state == TorrentState.SEEDING,
                session.clock().nanos());
    }

    private void tick() {
        try {
            long now = session.clock().nanos();
            if (counters.sample(now)) {
                torrent.touch();
            }
            if (!acceptsPeers()) {
                return;
            }
            dialer.dial(now, torrent.maxConnections());
            announcer.tick();
            sources.tick(now);
            if (!checked) {
                torrent.magnet().tick(now); // fetching the metadata: no pieces to choke or save yet
                return;
            }
            torrent.layers().tick(now);
            if (state == TorrentState.DOWNLOADING) {
                torrent.httpSeeds().tick(now);
            }
            chokeRounds.tick(peers.all(), session.current().unchokeSlots(), state == TorrentState.SEEDING, now);
            if (state == TorrentState.SEEDING
                    && seedLimits.reached(now, torrent.ratio(), torrent.limits(), session.current())) {
                LOG.info("{}: seed limit reached, pausing", id);
                doPause();
            }
            resume.saveIfDue(now);
        } catch (RuntimeException e) {
            LOG.error("{}: tick failed", id, e);
        }
    }

    // ------------------------------------------------------------------ transitions (control loop)

    /** Completes a downloading torrent whose picker now has every wanted piece. Control loop. */
    void completeIfDone() {
        if (state == TorrentState.DOWNLOADING && torrent.picker().isComplete()) {
            completed();
        }
    }

    /** Every wanted piece is verified: seeding from now on. */
    void completed() {
        completion.stamp(false);
        seedLimits.seedingFrom(session.clock().nanos());
        setState(TorrentState.SEEDING);
        long rev = torrent.touch();
        session.events().publish(new Event.TorrentCompleted(id, rev));
        completion.complete();
        announcer.completed();
        resume.save();
        for (PeerConnection pc : peers.all()) {
            pc.commands().torrentCompleted();
        }
    }

    /** Pieces are wanted again (priorities raised, or pieces lost): a seed downloads again. */
    void wantedAgain() {
        completion.reopen();
        setState(TorrentState.DOWNLOADING);
        long now = session.clock().nanos();
        dialer.restart(now); // seeds we left while seeding are worth dialling again
        dialer.dial(now, torrent.maxConnections());
    }

    /** Stops the torrent on an error. */
    void fail(String message) {
        if (removed || state == TorrentState.ERROR) {
            return;
        }
        LOG.warn("{}: stopped on an error: {}", id, message);
        deactivate();
        error = message;
        setState(TorrentState.ERROR);
        long rev = torrent.touch();
        session.events().publish(new Event.TorrentError(id, rev, message));
        completion.failed(message);
    }

    private void setState(TorrentState to) {
        TorrentState from = state;
        if (from == to) {
            return;
        }
        state = to;
        long rev = torrent.touch();
        session.events().publish(new Event.StateChanged(id, rev, from, to));
    }

    // ------------------------------------------------------------------ the user's commands

    /** Pauses (after the check, if one runs). Posts. */
    void pause() {
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
        if (state == TorrentState.DOWNLOADING || state == TorrentState.SEEDING
                || state == TorrentState.FETCHING_METADATA) {
            deactivate();
            setState(TorrentState.PAUSED);
            resume.save();
        }
    }

    /** Resumes a paused torrent, or retries one stopped on an error. Posts. */
    void resume() {
        loop.execute(() -> {
            if (removed) {
                return;
            }
            pauseRequested = false;
            if (state == TorrentState.PAUSED) {
                if (checked) {
                    activate();
                } else if (torrent.torrent() == null) {
                    fetchMetadata();
                } else {
                    check(false);
                }
            } else if (state == TorrentState.ERROR) {
                error = null;
                if (torrent.torrent() == null) {
                    fetchMetadata();
                } else {
                    check(false);
                }
            }
        });
    }

    /** Hashes every piece again; a paused torrent stays paused. Posts. @return completes when checked */
    CompletableFuture<Void> recheck() {
        CompletableFuture<Void> out = new CompletableFuture<>();
        loop.execute(() -> {
            if (removed) {
                out.completeExceptionally(new IllegalStateException(id + " was removed"));
                return;
            }
            if (torrent.torrent() == null) {
                out.complete(null); // no metadata, no data to check
                return;
            }
            pauseRequested = pauseRequested || state == TorrentState.PAUSED;
            deactivate();
            checked = false;
            error = null; // a torrent stopped on an error is tried again; a failing check sets it anew
            check(true).whenComplete((v, e) -> {
                if (e != null) {
                    out.completeExceptionally(e);
                } else {
                    out.complete(null);
                }
            });
        });
        return out;
    }

    /** Removes the torrent from its session, and its data if asked. Posts. @return completes when gone */
    CompletableFuture<Void> remove(boolean deleteData) {
        CompletableFuture<Void> out = new CompletableFuture<>();
        loop.execute(() -> {
            if (removed) {
                out.complete(null);
                return;
            }
            removed = true;
            removedWithData = deleteData;
            deactivate();
            session.forget(torrent);
            if (deleteData) {
                session.forgetMetadata(torrent.infoHash());
            }
            Storage storage = torrent.storage();
            CompletableFuture<Void> gone = storage == null ? CompletableFuture.completedFuture(null)
                    : deleteData ? storage.delete(loop) : storage.closeAsync(loop);
            gone.whenComplete((v, e) -> {
                long rev = torrent.touch();
                session.events().removed(id, rev);
                session.events().publish(new Event.TorrentRemoved(id, rev));
                completion.abandoned(id + " was removed");
                if (e != null) {
                    out.completeExceptionally(e);
                } else {
                    out.complete(null);
                }
            });
        });
        return out;
    }

    /** Saves resume data now. Posts. @return completes when saved (or the save failed) */
    CompletableFuture<Void> saveResumeData() {
        CompletableFuture<Void> out = new CompletableFuture<>();
        loop.execute(() -> resume.save().whenComplete((v, e) -> out.complete(null)));
        return out;
    }

    /**
     * Stops for the session's close: closes connections and announces {@code stopped}. Posts.
     *
     * @return completes when the announce is over or {@link SessionImpl#STOP_ANNOUNCE_DEADLINE} passed
     */
    CompletableFuture<Void> shutdown() {
        CompletableFuture<Void> out = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                deactivate().whenComplete((v, e) -> out.complete(null));
                loop.schedule(() -> out.complete(null), SessionImpl.STOP_ANNOUNCE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                removed = true;
                completion.abandoned("the session closed");
            });
        } catch (RuntimeException e) {
            out.complete(null);
        }
        return out;
    }

    /** Saves resume data and closes the files; blocks (called by the session's close, off the loops). */
    void closeStorage() {
        Storage s = torrent.storage();
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (StorageException e) {
            LOG.warn("{}: closing the storage failed", id, e);
        }
    }
}
