package dev.torrpedo.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twenty of our nodes on loopback: bootstrap, announce, get_peers, items, scrape, samples, state. */
class SmallNetworkTest {
    private static TestNetwork net;
    private static final SplittableRandom RANDOM = new SplittableRandom(5);

    @BeforeAll
    static void network() {
        net = new TestNetwork(2, 1);
        DhtNode first = net.add(TestNetwork.address(0), TestNetwork.settings().build());
        first.start().join();
        List<InetSocketAddress> boot = List.of(first.localAddress());
        for (int i = 1; i < 20; i++) {
            net.add(TestNetwork.address(i), TestNetwork.settings().bootstrapNodes(boot).build()).start().join();
        }
    }

    @AfterAll
    static void close() {
        net.close();
    }

    private static InfoHash randomHash() {
        return InfoHash.v1(NodeId.random(RANDOM).bytes());
    }

    @Test
    void everyNodeBootstrapped() {
        for (DhtNode n : net.nodes.subList(0, 20)) {
            assertTrue(n.nodeCount() > 0, n.nodeId() + " has an empty table");
        }
    }

    @Test
    void announcedPeersAreFound() {
        InfoHash ih = randomHash();
        PeerLookup announced = net.nodes.get(7).announce(ih, 51413).join();
        assertTrue(announced.announcedTo() > 0, announced.toString());
        List<InetSocketAddress> streamed = new CopyOnWriteArrayList<>();
        PeerLookup found = net.nodes.get(13).getPeers(ih, streamed::addAll).join();
        assertEquals(List.of(new InetSocketAddress(TestNetwork.address(7), 51413)), found.peers());
        assertEquals(found.peers(), streamed);
        assertTrue(found.rounds() < 10);
        assertFalse(found.closestNodes().isEmpty());
    }

    @Test
    void impliedPortAnnouncesTheUdpPort() {
        InfoHash ih = randomHash();
        DhtNode announcer = net.nodes.get(3);
        announcer.announce(ih, 0).join();
        PeerLookup found = net.nodes.get(11).getPeers(ih).join();
        assertEquals(List.of(announcer.localAddress()), found.peers());
    }

    @Test
    void scrapeCountsSeedsAndPeers() {
        InfoHash ih = randomHash();
        net.nodes.get(1).announce(ih, 1000, true).join();
        net.nodes.get(2).announce(ih, 1000, true).join();
        net.nodes.get(4).announce(ih, 1000, false).join();
        ScrapeResult s = net.nodes.get(9).scrape(ih).join();
        assertEquals(2, s.seeds());
        assertEquals(1, s.peers());
        assertTrue(s.responded() > 0);
    }

    @Test
    void immutableItemsRoundTrip() {
        ImmutableItem item = new ImmutableItem(BDictionary.builder().put("hello", "dht").put("n", RANDOM.nextLong()).build());
        PutResult put = net.nodes.get(5).put(item).join();
        assertEquals(item.target(), put.target());
        assertTrue(put.storedAt() > 0);
        Optional<ImmutableItem> got = net.nodes.get(15).getImmutable(item.target()).join();
        assertEquals(item.value(), got.orElseThrow().value());
        assertEquals(Optional.empty(), net.nodes.get(15).getImmutable(NodeId.random(RANDOM)).join());
    }

    @Test
    void mutableItemsKeepTheHighestSequence() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] salt = "profile".getBytes(StandardCharsets.US_ASCII);
        MutableItem v1 = MutableItem.sign(keys, salt, 1, BString.of("first"));
        MutableItem v2 = MutableItem.sign(keys, salt, 2, BString.of("second"));
        assertTrue(net.nodes.get(6).put(v1).join().storedAt() > 0);
        assertTrue(net.nodes.get(8).put(v2).join().storedAt() > 0);
        MutableItem got = net.nodes.get(17).getMutable(v1.publicKey(), salt).join().orElseThrow();
        assertEquals(2, got.seq());
        assertEquals(BString.of("second"), got.value());
        assertTrue(got.verify());
        assertEquals(Optional.empty(), net.nodes.get(17).getMutable(v1.publicKey(), new byte[0]).join());
    }

    @Test
    void sampleInfohashesListsWhatANodeStores() {
        InfoHash ih = randomHash();
        PeerLookup announced = net.nodes.get(10).announce(ih, 2000).join();
        DhtContact storing = announced.closestNodes().get(0);
        InfohashSample sample = net.nodes.get(12).sampleInfohashes(storing.address(), NodeId.random(RANDOM)).join();
        assertEquals(storing.id(), sample.from().id());
        assertTrue(sample.num() >= 1);
        assertTrue(sample.samples().size() <= 20);
        assertFalse(sample.nodes().isEmpty());
    }

    @Test
    void pingAndFindNode() {
        DhtNode a = net.nodes.get(0);
        DhtNode b = net.nodes.get(19);
        assertEquals(b.nodeId(), a.ping(b.localAddress()).join().id());
        List<DhtContact> closest = a.findNode(b.nodeId()).join();
        assertEquals(b.nodeId(), closest.get(0).id());
        Set<NodeId> ids = new HashSet<>();
        closest.forEach(c -> assertTrue(ids.add(c.id())));
    }

    @Test
    void stateRestoresTheTable() {
        DhtState state = net.nodes.get(4).state().join();
        assertEquals(net.nodes.get(4).nodeId(), state.nodeId());
        assertFalse(state.nodes().isEmpty());
        DhtState decoded = DhtState.decode(state.encode()).orElseThrow();
        assertEquals(state, decoded);
        // a new node that knows no bootstrap node but has the saved state joins through it
        DhtNode again = net.add(TestNetwork.address(200), TestNetwork.settings().build());
        DhtNode restored = DhtNode.builder().settings(TestNetwork.settings().build())
                .bind(net.group, new InetSocketAddress(TestNetwork.address(201), 0))
                .state(decoded).callbackExecutor(Runnable::run).build();
        try {
            again.start().join();
            restored.start().join();
            assertEquals(0, again.nodeCount());
            assertTrue(restored.nodeCount() > 0);
            assertEquals(state.nodeId(), restored.nodeId());
        } finally {
            restored.close();
        }
        assertEquals(Optional.empty(), DhtState.decode("garbage".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void closedNodeFailsOperations() {
        DhtNode n = net.add(TestNetwork.address(210), TestNetwork.settings().build());
        n.start().join();
        n.close();
        CompletionException e = assertThrows(CompletionException.class, () -> n.getPeers(randomHash()).join());
        assertInstanceOf(DhtException.class, e.getCause());
        assertEquals(DhtException.Reason.CLOSED, ((DhtException) e.getCause()).reason());
    }

    @Test
    void timeoutsAreReported() {
        InetSocketAddress nobody = new InetSocketAddress(TestNetwork.address(250), 9);
        CompletionException e = assertThrows(CompletionException.class, () -> net.nodes.get(0).ping(nobody).join());
        assertEquals(DhtException.Reason.TIMEOUT, ((DhtException) e.getCause()).reason());
    }
}
