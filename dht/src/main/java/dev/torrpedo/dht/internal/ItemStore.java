package dev.torrpedo.dht.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.dht.NodeId;
import java.time.Duration;

/**
 * BEP 44 items stored for others: at most {@code maxItems}, each expiring a TTL after its
 * last put (Caffeine on the injected clock, maintenance inline). Loop-confined.
 */
final class ItemStore {

    /**
     * A stored item.
     *
     * @param value     the value, canonical bencoding
     * @param publicKey the key (mutable), or {@code null}
     * @param seq       the sequence number (mutable), or -1
     * @param signature the signature (mutable), or {@code null}
     */
    record Stored(BValue value, byte[] publicKey, long seq, byte[] signature) {
    }

    private final Cache<NodeId, Stored> items;

    ItemStore(int maxItems, Duration ttl, Ticker ticker) {
        this.items = Caffeine.newBuilder()
                .maximumSize(maxItems)
                .expireAfterWrite(ttl)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    Stored get(NodeId target) {
        return items.getIfPresent(target);
    }

    void put(NodeId target, Stored item) {
        items.put(target, item);
    }

    long size() {
        items.cleanUp();
        return items.estimatedSize();
    }
}
