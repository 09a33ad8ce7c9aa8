package dev.torrpedo.tracker.server;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.ScrapeStats;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The embedded tracker's swarms: torrent -> peers, each with when it last announced. Written
 * only on the tracker's event loop; the maps are concurrent so tests may read them from any
 * thread.
 */
final class SwarmRegistry {
    private final Map<InfoHash, Swarm> swarms = new ConcurrentHashMap<>();
    private final Duration expiry;
    private final int maxTorrents;
    private final int maxPeersPerTorrent;
    private final RandomGenerator random;

    /** One registered peer. */
    record Peer(PeerId peerId, InetSocketAddress address, boolean seed, Instant lastSeen) {
    }

    /** One torrent's peers and its count of completed downloads. */
    static final class Swarm {
        final Map<InetSocketAddress, Peer> peers = new ConcurrentHashMap<>();
        volatile int completed;
    }

    /** What an announce gives back. */
    record Reply(List<Peer> peers, int seeders, int leechers) {
    }

    SwarmRegistry(Duration expiry, int maxTorrents, int maxPeersPerTorrent, RandomGenerator random) {
        this.expiry = expiry;
        this.maxTorrents = maxTorrents;
        this.maxPeersPerTorrent = maxPeersPerTorrent;
        this.random = random;
    }

    /**
     * Registers (or, for STOPPED, removes) a peer and picks up to {@code numWant} others.
     *
     * @return the reply, or empty if the registry is full of torrents
     */
    Optional<Reply> announce(InfoHash infoHash, PeerId peerId, InetSocketAddress address, long left,
                             AnnounceEvent event, int numWant, Instant now) {
        Swarm swarm = swarms.get(infoHash);
        if (swarm == null) {
            if (event == AnnounceEvent.STOPPED) {
                return Optional.of(new Reply(List.of(), 0, 0));
            }
            if (swarms.size() >= maxTorrents) {
                expire(now);
                if (swarms.size() >= maxTorrents) {
                    return Optional.empty();
                }
            }
            swarm = new Swarm();
            swarms.put(infoHash, swarm);
        }
        expire(swarm, now);
        if (event == AnnounceEvent.STOPPED) {
            swarm.peers.remove(address);
        } else {
            Peer before = swarm.peers.get(address);
            if (before != null || swarm.peers.size() < maxPeersPerTorrent) {
                swarm.peers.put(address, new Peer(peerId, address, left == 0, now));
            }
            if (event == AnnounceEvent.COMPLETED && (before == null || !before.seed())) {
                swarm.completed++;
            }
        }
        int seeders = 0;
        List<Peer> others = new ArrayList<>(Math.min(swarm.peers.size(), 1024));
        for (Peer p : swarm.peers.values()) {
            if (p.seed()) {
                seeders++;
            }
            if (!p.address().equals(address)) {
                others.add(p);
            }
        }
        int leechers = swarm.peers.size() - seeders;
        if (event == AnnounceEvent.STOPPED) {
            others.clear();
        }
        // a partial Fisher-Yates: the first numWant are a uniform sample
        int n = Math.min(numWant, others.size());
        for (int i = 0; i < n; i++) {
            Collections.swap(others, i, i + random.nextInt(others.size() - i));
        }
        return Optional.of(new Reply(List.copyOf(others.subList(0, n)), seeders, leechers));
    }

    /** @return the torrent's counts of peers that have not expired by {@code now}, if it is registered */
    Optional<ScrapeStats> stats(InfoHash infoHash, Instant now) {
        Swarm s = swarms.get(infoHash);
        if (s == null) {
            return Optional.empty();
        }
        int seeders = 0;
        int total = 0;
        for (Peer p : s.peers.values()) {
            if (expired(p, now)) {
                continue;
            }
            total++;
            if (p.seed()) {
                seeders++;
            }
        }
        return Optional.of(new ScrapeStats(seeders, s.completed, total - seeders));
    }

    /** @return the registered torrents, at most {@code max} of them */
    List<InfoHash> torrents(int max) {
        return swarms.keySet().stream().limit(max).toList();
    }

    /** @return the peers of {@code infoHash} that have not expired by {@code now} */
    List<InetSocketAddress> peers(InfoHash infoHash, Instant now) {
        Swarm s = swarms.get(infoHash);
        if (s == null) {
            return List.of();
        }
        return s.peers.values().stream().filter(p -> !expired(p, now)).map(Peer::address).toList();
    }

    /** Drops expired peers and the torrents left without peers. */
    void expire(Instant now) {
        swarms.entrySet().removeIf(e -> {
            expire(e.getValue(), now);
            return e.getValue().peers.isEmpty();
        });
    }

    private void expire(Swarm swarm, Instant now) {
        swarm.peers.values().removeIf(p -> expired(p, now));
    }

    private boolean expired(Peer p, Instant now) {
        return p.lastSeen().plus(expiry).isBefore(now);
    }
}
