package dev.torrpedo.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A few of our nodes on loopback: bootstrap, announce, get_peers, items, scrape. */
class SmallNetworkTest {

    @Test
    void announcedPeersAreFound() {
        try (TestNetwork net = new TestNetwork(2, 1)) {
            DhtNode first = net.add(TestNetwork.address(0), TestNetwork.settings().build());
            first.start().join();
            List<InetSocketAddress> boot = List.of(first.localAddress());
            for (int i = 1; i < 20; i++) {
                DhtNode n = net.add(TestNetwork.address(i), TestNetwork.settings().bootstrapNodes(boot).build());
                n.start().join();
            }
            for (DhtNode n : net.nodes) {
                assertTrue(n.nodeCount() > 0, n.nodeId() + " has an empty table");
            }
            InfoHash ih = InfoHash.v1(NodeId.random(new SplittableRandom(5)).bytes());
            PeerLookup announced = net.nodes.get(7).announce(ih, 51413).join();
            assertTrue(announced.announcedTo() > 0, announced.toString());
            PeerLookup found = net.nodes.get(13).getPeers(ih).join();
            assertEquals(List.of(new InetSocketAddress(TestNetwork.address(7), 51413)), found.peers());
            assertTrue(found.rounds() < 10);
            assertFalse(found.closestNodes().isEmpty());
        }
    }
}
