package dev.torrpedo.dht.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.routing.RoutingConfig;
import dev.torrpedo.dht.routing.RoutingTable;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Measures the heap the peer store and the routing table hold when full at the default
 * caps, and floods them far past the caps: they stay full, no bigger. Prints the figures
 * (recorded in benchmarks/README.md); asserts generous bounds only, as GC figures are noisy.
 */
class MemoryFootprintTest {
    private static final long MB = 1024 * 1024;

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static InetAddress ip(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (1 + (n >>> 24) % 200), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void peerStoreFullAndFlooded() {
        SplittableRandom random = new SplittableRandom(1);
        long[] now = {0};
        Ticker ticker = () -> now[0] * 1_000_000L;
        long before = usedHeap();
        PeerStore store = new PeerStore(2000, 500, Duration.ofMinutes(45), ticker);
        int n = 0;
        for (int t = 0; t < 2000; t++) {
            NodeId ih = NodeId.random(random);
            for (int p = 0; p < 500; p++) {
                store.announce(ih, ip(n++), 6881, p % 4 == 0, now[0]);
            }
        }
        long full = usedHeap() - before;
        assertEquals(2000, store.torrents());
        assertEquals(1_000_000, store.peers());
        // a flood: 4000 more torrents, and 2000 more peers on the last ones
        for (int t = 0; t < 4000; t++) {
            NodeId ih = NodeId.random(random);
            for (int p = 0; p < (t < 3996 ? 5 : 2000); p++) {
                now[0]++;
                store.announce(ih, ip(n++), 6881, false, now[0]);
            }
        }
        long flooded = usedHeap() - before;
        assertEquals(2000, store.torrents());
        assertTrue(store.peers() <= 1_000_000);
        System.out.printf("peer store: full (2000 torrents x 500 peers) %d MB, %.1f bytes/peer; after a flood "
                + "of 4000 more torrents: %d MB, %d peers%n", full / MB, full / 1e6, flooded / MB, store.peers());
        assertTrue(full < 96 * MB, "full store: " + full / MB + " MB");
        assertTrue(flooded < 96 * MB, "flooded store: " + flooded / MB + " MB");
        Reference.reachabilityFence(store);
    }

    @Test
    void routingTableFullAndFlooded() {
        SplittableRandom random = new SplittableRandom(2);
        long before = usedHeap();
        RoutingTable table = new RoutingTable(NodeId.random(random), new RoutingConfig(8, 8, true, true, 2, 900_000), 0);
        for (int i = 0; i < 200_000; i++) {
            table.heard(new DhtContact(NodeId.random(random), new InetSocketAddress(ip(random.nextInt()), 6881)),
                    random.nextBoolean(), i);
        }
        long used = usedHeap() - before;
        table.checkInvariants();
        int capacity = table.buckets().size() * 16;
        assertTrue(table.size() + table.replacementCount() <= capacity);
        System.out.printf("routing table after 200000 nodes heard: %d buckets, %d live, %d replacements, %d KB%n",
                table.buckets().size(), table.size(), table.replacementCount(), used / 1024);
        assertTrue(used < 4 * MB, "routing table: " + used / 1024 + " KB");
        Reference.reachabilityFence(table);
    }
}
