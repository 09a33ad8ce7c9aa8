package dev.torrpedo.dht.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.torrpedo.dht.NodeId;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The peers other nodes announced to us: at most {@code maxTorrents} swarms (Caffeine,
 * size-bounded and expiring a TTL after their last announce, on the injected clock, with
 * maintenance run inline so it starts no thread), each of at most {@code maxPeers} peers
 * that expire individually. Loop-confined.
 */
final class PeerStore {
    private final Cache<NodeId, Swarm> swarms;
    private final int maxPeers;
    private final long ttlMillis;

    PeerStore(int maxTorrents, int maxPeers, Duration ttl, Ticker ticker) {
        this.maxPeers = maxPeers;
        this.ttlMillis = ttl.toMillis();
        this.swarms = Caffeine.newBuilder()
                .maximumSize(maxTorrents)
                .expireAfterWrite(ttl)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** Stores (or refreshes) a peer of {@code infoHash}. */
    void announce(NodeId infoHash, InetAddress ip, int port, boolean seed, long now) {
        swarms.asMap().compute(infoHash, (k, swarm) -> {
            Swarm s = swarm != null ? swarm : new Swarm();
            s.purge(now - ttlMillis);
            s.announce(ip, port, seed, now, maxPeers);
            return s;
        });
    }

    /** @return the live peers of {@code infoHash}, or {@code null} if we hold none */
    Swarm get(NodeId infoHash, long now) {
        Swarm s = swarms.getIfPresent(infoHash);
        if (s == null) {
            return null;
        }
        if (s.purge(now - ttlMillis) == 0) {
            swarms.invalidate(infoHash);
            return null;
        }
        return s;
    }

    /** @return up to {@code max} random info-hashes we hold peers for (BEP 51) */
    List<NodeId> sample(int max, RandomGenerator random) {
        List<NodeId> out = new ArrayList<>(max);
        int seen = 0;
        for (NodeId id : swarms.asMap().keySet()) {
            seen++;
            if (out.size() < max) {
                out.add(id);
            } else {
                int r = random.nextInt(seen);
                if (r < max) {
                    out.set(r, id);
                }
            }
        }
        return out;
    }

    /** @return how many swarms are held */
    long torrents() {
        swarms.cleanUp();
        return swarms.estimatedSize();
    }

    /** @return how many peers are held, over all swarms */
    long peers() {
        long n = 0;
        for (Swarm s : swarms.asMap().values()) {
            n += s.size();
        }
        return n;
    }
}
