package dev.torrpedo.tracker;

import dev.torrpedo.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * The trackers of one torrent (BEP 12): tiers shuffled once, tried in order; within a tier
 * the trackers are tried in order and the one that answers moves to the front; when a whole
 * tier fails the next tier is tried. With {@link TrackerSettings#announceToAllTiers()} every
 * tier is walked, at once.
 *
 * <p>It never sleeps and starts no timer: it says when the next announce is due
 * ({@link #nextAnnounce()}, judged by the injected clock) and the caller schedules it. After
 * an answer that is the tracker's interval (raised to the floor); after a round in which no
 * tracker answered it is {@link TrackerSettings#retryDelayMin()}, doubled for each further
 * failed round up to {@link TrackerSettings#retryDelayMax()}.
 *
 * <p>Thread-safe without locks: the state is an immutable snapshot swapped atomically, and
 * rounds run one after another (a round asked for while one runs starts when it ends).
 */
public final class TorrentTrackers {
    private final TrackerClient client;
    private final TrackerSettings settings;
    private final InstantSource clock;
    private final AtomicReference<State> state;
    private final AtomicReference<CompletableFuture<?>> tail = new AtomicReference<>(CompletableFuture.completedFuture(null));

    /**
     * The immutable state.
     *
     * @param tiers        the tiers, each in its current order
     * @param status       each tracker's status
     * @param failedRounds rounds in a row in which no tracker answered
     * @param next         when the next regular announce is due
     * @param earliest     the earliest a tracker allows the next announce ({@code min interval})
     */
    private record State(List<List<URI>> tiers, Map<URI, TrackerStatus> status, int failedRounds, Instant next,
                         Instant earliest) {
    }

    private TorrentTrackers(List<List<URI>> tiers, TrackerClient client, TrackerSettings settings, InstantSource clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        Map<URI, TrackerStatus> status = new LinkedHashMap<>();
        for (int t = 0; t < tiers.size(); t++) {
            for (URI u : tiers.get(t)) {
                status.put(u, TrackerStatus.fresh(u, t));
            }
        }
        Instant now = clock.instant();
        this.state = new AtomicReference<>(new State(tiers, Map.copyOf(status), 0, now, now));
    }

    /**
     * @param announceList the tiers of the torrent ({@code announce-list}, or one tier holding
     *                     {@code announce}); empty tiers and repeated URLs are dropped
     * @param client       the client that talks to the trackers
     * @param settings     the settings ({@code announceToAllTiers}, the back-off)
     * @param clock        the clock that times the announces
     * @param random       shuffles each tier once, as BEP 12 asks
     * @return the trackers, with the first announce due now
     */
    public static TorrentTrackers create(List<List<URI>> announceList, TrackerClient client, TrackerSettings settings,
                                         InstantSource clock, RandomGenerator random) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Set<URI> seen = new LinkedHashSet<>();
        List<List<URI>> tiers = new ArrayList<>();
        for (List<URI> tier : announceList) {
            List<URI> t = new ArrayList<>();
            for (URI u : tier) {
                if (seen.add(Objects.requireNonNull(u, "tracker URL"))) {
                    t.add(u);
                }
            }
            if (!t.isEmpty()) {
                for (int i = t.size() - 1; i > 0; i--) {
                    Collections.swap(t, i, random.nextInt(i + 1));
                }
                tiers.add(List.copyOf(t));
            }
        }
        return new TorrentTrackers(List.copyOf(tiers), client, settings, clock);
    }

    /** @return the tiers in their current order (the first of each tier is tried first) */
    public List<List<URI>> tiers() {
        return state.get().tiers();
    }

    /** @return a snapshot of every tracker, by tier */
    public List<TrackerStatus> trackers() {
        State s = state.get();
        List<TrackerStatus> out = new ArrayList<>();
        for (List<URI> tier : s.tiers()) {
            for (URI u : tier) {
                out.add(s.status().get(u));
            }
        }
        return out;
    }

    /** @return when the next regular announce is due ({@link Instant#MAX} after a stop) */
    public Instant nextAnnounce() {
        return state.get().next();
    }

    /** @return the earliest a forced re-announce is allowed (the trackers' {@code min interval}) */
    public Instant earliestAnnounce() {
        return state.get().earliest();
    }

    /** @return whether the next regular announce is due by the clock */
    public boolean isAnnounceDue() {
        return !clock.instant().isBefore(nextAnnounce());
    }

    /** @return how long until the next regular announce is due (zero if it is due) */
    public Duration untilNextAnnounce() {
        Instant next = nextAnnounce();
        if (next.equals(Instant.MAX)) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
        Duration d = Duration.between(clock.instant(), next);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Announces {@code request} (its {@code trackerId} is replaced by each tracker's own).
     *
     * @return the round; it never fails, even if every tracker does
     */
    public CompletableFuture<AnnounceRound> announce(AnnounceRequest request) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<AnnounceRound> out = new CompletableFuture<>();
        CompletableFuture<?> previous = tail.getAndSet(out);
        previous.whenComplete((v, e) -> round(request).whenComplete((r, err) -> {
            if (err != null) {
                out.completeExceptionally(err);
            } else {
                out.complete(r);
            }
        }));
        return out;
    }

    private CompletableFuture<AnnounceRound> round(AnnounceRequest request) {
        List<List<URI>> tiers = state.get().tiers();
        CompletableFuture<List<TierResult>> walk;
        if (settings.announceToAllTiers()) {
            List<CompletableFuture<TierResult>> all = new ArrayList<>();
            for (int t = 0; t < tiers.size(); t++) {
                all.add(walkTier(t, tiers.get(t), request, 0, new ArrayList<>()));
            }
            walk = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
        } else {
            walk = firstAnsweringTier(tiers, 0, request, new ArrayList<>());
        }
        return walk.thenApply(results -> finish(request, results));
    }

    /** What one tier gave: its answer, if any, and its failures. */
    private record TierResult(Optional<TrackerAnswer> answer, List<TrackerException> failures) {
    }

    private CompletableFuture<List<TierResult>> firstAnsweringTier(List<List<URI>> tiers, int t, AnnounceRequest request,
                                                                   List<TierResult> done) {
        if (t == tiers.size()) {
            return CompletableFuture.completedFuture(done);
        }
        return walkTier(t, tiers.get(t), request, 0, new ArrayList<>()).thenCompose(r -> {
            done.add(r);
            return r.answer().isPresent() ? CompletableFuture.completedFuture(done)
                    : firstAnsweringTier(tiers, t + 1, request, done);
        });
    }

    private CompletableFuture<TierResult> walkTier(int t, List<URI> tier, AnnounceRequest request, int i,
                                                   List<TrackerException> failures) {
        if (i == tier.size()) {
            return CompletableFuture.completedFuture(new TierResult(Optional.empty(), failures));
        }
        URI url = tier.get(i);
        TrackerStatus status = state.get().status().get(url);
        AnnounceRequest r = request.withTrackerId(status.trackerId().orElse(null));
        CompletableFuture<AnnounceResponse> sent;
        try {
            sent = client.announce(url, r);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((answer, error) -> {
            if (error == null) {
                // the floor holds whatever client was passed in
                AnnounceResponse response = answer.withIntervalFloor(settings.minAnnounceInterval());
                answered(t, url, response);
                return CompletableFuture.completedFuture(
                        new TierResult(Optional.of(new TrackerAnswer(url, response)), failures));
            }
            TrackerException e = asTrackerException(error, url);
            failures.add(e);
            state.updateAndGet(s -> s.status().containsKey(url)
                    ? withStatus(s, url, s.status().get(url).failed(e)) : s);
            return walkTier(t, tier, request, i + 1, failures);
        }).thenCompose(f -> f);
    }

    private static TrackerException asTrackerException(Throwable error, URI url) {
        Throwable c = error;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof TrackerException te ? te.withTracker(url)
                : new TrackerException(TrackerError.CONNECTION, url, null, -1, String.valueOf(c), c);
    }

    /** The tracker answered: it moves to the front of its tier, its status is updated. */
    private void answered(int t, URI url, AnnounceResponse response) {
        Instant now = clock.instant();
        state.updateAndGet(s -> {
            if (!s.status().containsKey(url) || t >= s.tiers().size()) {
                return s;
            }
            List<List<URI>> tiers = new ArrayList<>(s.tiers());
            List<URI> tier = new ArrayList<>(tiers.get(t));
            if (tier.remove(url)) {
                tier.add(0, url);
                tiers.set(t, List.copyOf(tier));
            }
            State moved = new State(List.copyOf(tiers), s.status(), s.failedRounds(), s.next(), s.earliest());
            return withStatus(moved, url, s.status().get(url).answered(response, now));
        });
    }

    private static State withStatus(State s, URI url, TrackerStatus status) {
        Map<URI, TrackerStatus> m = new LinkedHashMap<>(s.status());
        m.put(url, status);
        return new State(s.tiers(), Map.copyOf(m), s.failedRounds(), s.next(), s.earliest());
    }

    private AnnounceRound finish(AnnounceRequest request, List<TierResult> results) {
        List<TrackerAnswer> answers = new ArrayList<>();
        List<TrackerException> failures = new ArrayList<>();
        Set<InetSocketAddress> peers = new LinkedHashSet<>();
        for (TierResult r : results) {
            failures.addAll(r.failures());
            r.answer().ifPresent(a -> {
                answers.add(a);
                peers.addAll(a.response().peers());
            });
        }
        Instant now = clock.instant();
        State after = state.updateAndGet(s -> {
            if (request.event() == AnnounceEvent.STOPPED) {
                return new State(s.tiers(), s.status(), 0, Instant.MAX, now);
            }
            if (answers.isEmpty()) {
                int failed = s.failedRounds() + 1;
                return new State(s.tiers(), s.status(), failed, now.plus(backoff(failed)), now);
            }
            Duration interval = null;
            Duration min = Duration.ZERO;
            for (TrackerAnswer a : answers) {
                Duration i = a.response().interval();
                interval = interval == null || i.compareTo(interval) < 0 ? i : interval;
                Duration m = a.response().minInterval().orElse(Duration.ZERO);
                min = m.compareTo(min) > 0 ? m : min;
            }
            return new State(s.tiers(), s.status(), 0, now.plus(interval), now.plus(min));
        });
        return new AnnounceRound(answers, failures, new ArrayList<>(peers), after.next());
    }

    private Duration backoff(int failedRounds) {
        Duration d = settings.retryDelayMin();
        for (int i = 1; i < failedRounds && d.compareTo(settings.retryDelayMax()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.retryDelayMax()) > 0 ? settings.retryDelayMax() : d;
    }

    /**
     * Scrapes {@code infoHash} at the trackers in tier order until one answers with its counts.
     *
     * @return the counts, or the last failure ({@link TrackerError#UNSUPPORTED} if there are
     *         no trackers)
     */
    public CompletableFuture<ScrapeStats> scrape(InfoHash infoHash) {
        List<URI> all = new ArrayList<>();
        state.get().tiers().forEach(all::addAll);
        return scrapeFrom(all, 0, infoHash,
                TrackerException.of(TrackerError.UNSUPPORTED, "no tracker to scrape"));
    }

    private CompletableFuture<ScrapeStats> scrapeFrom(List<URI> urls, int i, InfoHash infoHash, TrackerException last) {
        if (i == urls.size()) {
            return CompletableFuture.failedFuture(last);
        }
        URI url = urls.get(i);
        CompletableFuture<ScrapeResponse> sent;
        try {
            sent = client.scrape(url, List.of(infoHash));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((r, e) -> {
            if (e == null && r.files().containsKey(infoHash)) {
                return CompletableFuture.completedFuture(r.files().get(infoHash));
            }
            TrackerException next = e != null ? asTrackerException(e, url)
                    : new TrackerException(TrackerError.MALFORMED, url, "files", -1, "the scrape does not list the torrent", null);
            return scrapeFrom(urls, i + 1, infoHash, next);
        }).thenCompose(f -> f);
    }
}
