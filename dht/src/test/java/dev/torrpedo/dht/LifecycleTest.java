package dev.torrpedo.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Starting, running over IPv6, failing to bind, and leaving no thread behind. */
class LifecycleTest {

    private static long dhtThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("dht-")).count();
    }

    @Test
    void ipv6NodesUseNodes6() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (TestNetwork net = new TestNetwork(1, 4)) {
            DhtNode a = net.add(v6, TestNetwork.settings().forLoopback().build());
            a.start().join();
            DhtNode b = net.add(v6, TestNetwork.settings().forLoopback().bootstrapNodes(List.of(a.localAddress())).build());
            b.start().join();
            DhtNode c = net.add(v6, TestNetwork.settings().forLoopback().bootstrapNodes(List.of(a.localAddress())).build());
            c.start().join();
            assertTrue(c.nodeCount() >= 1);
            InfoHash ih = InfoHash.v1(NodeId.random(new SplittableRandom(3)).bytes());
            assertTrue(b.announce(ih, 6881).join().announcedTo() >= 1);
            PeerLookup found = c.getPeers(ih).join();
            assertEquals(List.of(new InetSocketAddress(v6, 6881)), found.peers());
            assertTrue(found.closestNodes().stream().allMatch(n -> n.address().getAddress().equals(v6)));
        }
    }

    @Test
    void aNodeOnTheWildcardAddressJoinsTheIpv4Dht() {
        try (TestNetwork net = new TestNetwork(1, 8)) {
            DhtNode a = net.add(TestNetwork.address(0), TestNetwork.settings().forLoopback().build());
            a.start().join();
            // an engine listening on all addresses binds [::] on a dual-stack host; IPv4 nodes must still count
            DhtNode any = net.add(null, TestNetwork.settings().forLoopback().bootstrapNodes(List.of(a.localAddress()))
                    .build());
            any.start().join();
            TestNetwork.await(() -> any.nodeCount() >= 1, java.time.Duration.ofSeconds(10),
                    "the wildcard node to take the IPv4 bootstrap node");
        }
    }

    @Test
    void unresolvedBootstrapNodesAreResolvedOffTheLoopAndTheThreadEnds() {
        try (TestNetwork net = new TestNetwork(1, 5)) {
            DhtNode a = net.add(TestNetwork.address(0), TestNetwork.settings().build());
            a.start().join();
            InetSocketAddress byName = InetSocketAddress.createUnresolved("localhost", a.localAddress().getPort());
            // "localhost" is 127.0.0.1, not a's address: resolution works, the lookup then finds nobody there
            DhtNode b = net.add(TestNetwork.address(1), TestNetwork.settings().bootstrapNodes(List.of(byName)).build());
            b.start().join();
            b.close();
            assertEquals(0, dhtThreads(), "the resolver thread outlived close()");
        }
    }

    @Test
    void startFailsWhenThePortIsTaken() throws Exception {
        try (TestNetwork net = new TestNetwork(1, 6);
             DatagramSocket taken = new DatagramSocket(new InetSocketAddress(TestNetwork.address(0), 0))) {
            DhtNode n = net.add(TestNetwork.address(0), TestNetwork.settings().build());
            DhtNode clash = DhtNode.builder().settings(TestNetwork.settings().build())
                    .bind(net.group, (InetSocketAddress) taken.getLocalSocketAddress()).build();
            assertThrows(CompletionException.class, () -> clash.start().join());
            clash.close();
            assertEquals(null, n.localAddress(), "never started");
        }
    }

    @Test
    void closeIsIdempotentAndStopsTheSocket() {
        try (TestNetwork net = new TestNetwork(1, 7)) {
            DhtNode n = net.add(TestNetwork.address(0), TestNetwork.settings().build());
            n.start().join();
            InetSocketAddress where = n.localAddress();
            n.close();
            n.close();
            // the port is free again (NIO releases it once the selector drops the key: poll)
            TestNetwork.await(() -> {
                try (DatagramSocket s = new DatagramSocket(where)) {
                    return s.isBound();
                } catch (java.net.SocketException e) {
                    return false;
                }
            }, java.time.Duration.ofSeconds(5), "the node's port released");
        }
    }
}
