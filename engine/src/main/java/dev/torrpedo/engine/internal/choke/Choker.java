package dev.torrpedo.engine.internal.choke;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Decides whom a torrent uploads to, as a pure function of a snapshot of its peers, the time
 * and the choker's own small state (the optimistic peer, and when each peer's choke state last
 * changed). The caller runs it every {@link #ROUND_NANOS} and sends CHOKE/UNCHOKE for the
 * difference.
 *
 * <p>While downloading (tit-for-tat, BEP 3): the {@code slots} interested, non-snubbed peers
 * that send us the most get the regular slots. While seeding: the peers we upload to fastest
 * get them, but a peer that has held a slot for {@link #SEED_ROTATION_NANOS} yields it to
 * peers waiting longest, so every interested peer gets its turn (libtorrent's "fastest
 * upload" and "round robin" seed chokers combined). In both, one more interested peer holds
 * the optimistic slot, drawn every {@link #OPTIMISTIC_INTERVAL_NANOS} at random, peers
 * connected for less than {@link #NEW_PEER_NANOS} weighted three times.
 *
 * <p>Not thread-safe: one caller (the torrent's tick) at a time. Time and randomness are
 * injected; nothing here reads a clock.
 */
public final class Choker {
    /** Regular unchoke slots, as BEP 3 and most clients use. */
    public static final int DEFAULT_SLOTS = 4;
    /** How often the caller runs the choker: 10 s. */
    public static final long ROUND_NANOS = 10_000_000_000L;
    /** How long one peer keeps the optimistic slot: 30 s. */
    public static final long OPTIMISTIC_INTERVAL_NANOS = 30_000_000_000L;
    /** Peers younger than this are three times as likely to get the optimistic slot. */
    public static final long NEW_PEER_NANOS = 60_000_000_000L;
    /** While seeding, a peer unchoked this long yields its slot to waiting peers: 60 s. */
    public static final long SEED_ROTATION_NANOS = 60_000_000_000L;

    private final int slots;
    private final RandomGenerator random;
    private long optimistic = -1;
    private long optimisticSince;
    /** For each peer of the last round: when its current choke state began. */
    private Map<Long, Long> stateSince = new HashMap<>();
    private Set<Long> lastUnchoked = new HashSet<>();

    /**
     * @param slots  regular unchoke slots (besides the optimistic one)
     * @param random draws the optimistic peer
     */
    public Choker(int slots, RandomGenerator random) {
        if (slots < 0) {
            throw new IllegalArgumentException("slots: " + slots + " (expected: >= 0)");
        }
        this.slots = slots;
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * One round.
     *
     * @param peers    every connected peer of the torrent
     * @param seeding  whether we have every piece we want (rank by our upload to them)
     * @param nowNanos the time, on the same clock as {@link ChokePeer#connectedSinceNanos()}
     * @return whom to unchoke
     */
    public ChokeDecision decide(List<ChokePeer> peers, boolean seeding, long nowNanos) {
        List<ChokePeer> candidates = new ArrayList<>();
        for (ChokePeer p : peers) {
            if (p.interested() && !p.seed()) {
                candidates.add(p);
            }
        }
        List<ChokePeer> ranked = seeding ? rankSeeding(candidates, nowNanos) : rankDownloading(candidates);
        Set<Long> unchoke = new HashSet<>();
        for (int i = 0; i < ranked.size() && unchoke.size() < slots; i++) {
            unchoke.add(ranked.get(i).id());
        }
        long opt = chooseOptimistic(candidates, unchoke, nowNanos);
        if (opt >= 0) {
            unchoke.add(opt);
        }
        remember(peers, unchoke, nowNanos);
        return new ChokeDecision(unchoke, opt);
    }

    /** @return the peer holding the optimistic slot, or -1 */
    public long optimistic() {
        return optimistic;
    }

    private static List<ChokePeer> rankDownloading(List<ChokePeer> candidates) {
        List<ChokePeer> r = new ArrayList<>();
        for (ChokePeer p : candidates) {
            if (!p.snubbed()) {
                r.add(p);
            }
        }
        r.sort(Comparator.comparingLong(ChokePeer::downloadRate).reversed()
                .thenComparing(ChokePeer::unchoked, Comparator.reverseOrder())
                .thenComparingLong(ChokePeer::connectedSinceNanos)
                .thenComparingLong(ChokePeer::id));
        return r;
    }

    /**
     * Unchoked peers that have not used up their turn, fastest first; then choked peers,
     * longest waiting first (fastest first among equals); then unchoked peers whose turn is
     * over, fastest first.
     */
    private List<ChokePeer> rankSeeding(List<ChokePeer> candidates, long now) {
        List<ChokePeer> r = new ArrayList<>(candidates);
        Comparator<ChokePeer> byGroup = Comparator.comparingInt(p -> seedGroup(p, now));
        r.sort(byGroup
                .thenComparingLong(p -> p.unchoked() ? -p.uploadRate() : since(p, now))
                .thenComparing(Comparator.comparingLong(ChokePeer::uploadRate).reversed())
                .thenComparingLong(ChokePeer::connectedSinceNanos)
                .thenComparingLong(ChokePeer::id));
        return r;
    }

    private int seedGroup(ChokePeer p, long now) {
        if (!p.unchoked()) {
            return 1;
        }
        return now - since(p, now) < SEED_ROTATION_NANOS ? 0 : 2;
    }

    /** When the peer's current choke state began; a peer new to the choker has waited since it connected. */
    private long since(ChokePeer p, long now) {
        return stateSince.getOrDefault(p.id(), Math.min(now, p.connectedSinceNanos()));
    }

    private long chooseOptimistic(List<ChokePeer> candidates, Set<Long> regular, long now) {
        boolean keep = false;
        if (optimistic >= 0 && now - optimisticSince < OPTIMISTIC_INTERVAL_NANOS && !regular.contains(optimistic)) {
            for (ChokePeer p : candidates) {
                if (p.id() == optimistic) {
                    keep = true;
                    break;
                }
            }
        }
        if (keep) {
            return optimistic;
        }
        List<ChokePeer> pool = new ArrayList<>();
        for (ChokePeer p : candidates) {
            if (!regular.contains(p.id())) {
                pool.add(p);
            }
        }
        if (pool.size() > 1) {
            pool.removeIf(p -> p.id() == optimistic); // rotate: someone else's turn
        }
        long total = 0;
        for (ChokePeer p : pool) {
            total += weight(p, now);
        }
        if (total == 0) {
            optimistic = -1;
            return -1;
        }
        long ticket = random.nextLong(total);
        for (ChokePeer p : pool) {
            ticket -= weight(p, now);
            if (ticket < 0) {
                optimistic = p.id();
                optimisticSince = now;
                return optimistic;
            }
        }
        throw new AssertionError("unreachable");
    }

    private static int weight(ChokePeer p, long now) {
        return now - p.connectedSinceNanos() < NEW_PEER_NANOS ? 3 : 1;
    }

    private void remember(List<ChokePeer> peers, Set<Long> unchoke, long now) {
        Map<Long, Long> next = new HashMap<>();
        for (ChokePeer p : peers) {
            boolean is = unchoke.contains(p.id());
            Long s = stateSince.get(p.id());
            long since;
            if (s == null) {
                since = is ? now : Math.min(now, p.connectedSinceNanos());
            } else {
                since = lastUnchoked.contains(p.id()) == is ? s : now;
            }
            next.put(p.id(), since);
        }
        stateSince = next;
        lastUnchoked = new HashSet<>(unchoke);
    }
}
