package dev.torrpedo.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.dht.internal.DefaultDhtNode;
import dev.torrpedo.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Three hundred of our nodes on loopback, each on its own 127.x.y.1 address with a BEP 42
 * id derived from it, every defence on (ids enforced, one node per IP, 5 packets/s per IP),
 * among twenty lying nodes: lookups find every announced peer in under ten rounds, no liar
 * enters a routing table, and the tables stay valid.
 */
class SimulatedNetworkTest {
    private static final int HONEST = 300;
    private static final int LIARS = 20;
    private static final int TORRENTS = 30;
    private static final int LOOKUPS = 60;

    private static DhtSettings.Builder settings() {
        return TestNetwork.settings()
                .enforceNodeId(true)
                .exemptLocalNodeIds(false) // loopback ids are checked like public ones
                .restrictRoutingIps(true)
                .restrictSearchIps(true)
                .rateLimitPerIp(5)
                .uploadRateLimit(50_000)
                .tickInterval(Duration.ofMillis(100));
    }

    @Test
    void lookupsSucceedAmongLiarsAndTablesStayClean() throws Exception {
        SplittableRandom random = new SplittableRandom(2024);
        List<LyingNode> liars = new ArrayList<>();
        try (TestNetwork net = new TestNetwork(2, 99); AutoCloseable closeLiars = () -> liars.forEach(LyingNode::close)) {
            for (int i = 0; i < LIARS; i++) {
                InetAddress ip = TestNetwork.address(1000 + i * 2);
                liars.add(new LyingNode(LyingNode.Kind.values()[i % 4], net.group, ip, random.nextLong()));
            }
            liars.forEach(l -> l.accomplices(liars));
            Set<InetSocketAddress> liarAddresses = new HashSet<>();
            Set<InetAddress> liarIps = new HashSet<>();
            liars.forEach(l -> {
                liarAddresses.add(l.address());
                liarIps.add(l.address().getAddress());
            });

            // join: node 0 alone, then batches; each bootstraps from honest nodes and two liars
            DhtNode first = net.add(TestNetwork.address(0), settings().externalAddress(TestNetwork.address(0)).build());
            first.start().join();
            for (int batch = 1; batch < HONEST; batch += 25) {
                List<CompletableFuture<Void>> starting = new ArrayList<>();
                for (int i = batch; i < Math.min(HONEST, batch + 25); i++) {
                    List<InetSocketAddress> boot = new ArrayList<>();
                    boot.add(first.localAddress());
                    boot.add(net.nodes.get(random.nextInt(batch)).localAddress());
                    boot.add(liars.get(random.nextInt(LIARS)).address());
                    boot.add(liars.get(random.nextInt(LIARS)).address());
                    InetAddress ip = TestNetwork.address(i);
                    starting.add(net.add(ip, settings().externalAddress(ip).bootstrapNodes(boot).build()).start());
                }
                starting.forEach(CompletableFuture::join);
            }
            List<DhtNode> honest = List.copyOf(net.nodes);
            Map<InetSocketAddress, NodeId> truth = new HashMap<>();
            honest.forEach(n -> truth.put(n.localAddress(), n.nodeId()));

            // the liars make themselves known, poison with bogus tokens and flood
            NodeId poisoned = NodeId.random(random);
            for (LyingNode l : liars) {
                for (int v = 0; v < 15; v++) {
                    DhtNode victim = honest.get(random.nextInt(HONEST));
                    l.introduce(victim.localAddress());
                    l.announceWithBogusToken(victim.localAddress(), poisoned);
                }
                if (l.kind == LyingNode.Kind.FLOOD) {
                    l.flood(honest.get(random.nextInt(HONEST)).localAddress(), 200);
                }
            }

            // announce, then look up from elsewhere
            Map<InfoHash, Set<InetSocketAddress>> announced = new HashMap<>();
            List<CompletableFuture<PeerLookup>> announces = new ArrayList<>();
            for (int t = 0; t < TORRENTS; t++) {
                InfoHash ih = InfoHash.v1(NodeId.random(random).bytes());
                Set<InetSocketAddress> peers = new HashSet<>();
                for (int a = 0; a < 2; a++) {
                    DhtNode n = honest.get(random.nextInt(HONEST));
                    int port = 10_000 + t;
                    peers.add(new InetSocketAddress(n.localAddress().getAddress(), port));
                    announces.add(n.announce(ih, port));
                }
                announced.put(ih, peers);
            }
            for (CompletableFuture<PeerLookup> a : announces) {
                assertTrue(a.join().announcedTo() >= 4, a.join().toString());
            }
            List<InfoHash> hashes = new ArrayList<>(announced.keySet());
            List<CompletableFuture<PeerLookup>> lookups = new ArrayList<>();
            for (int i = 0; i < LOOKUPS; i++) {
                lookups.add(honest.get(random.nextInt(HONEST)).getPeers(hashes.get(i % TORRENTS)));
            }
            int maxRounds = 0;
            for (CompletableFuture<PeerLookup> f : lookups) {
                PeerLookup found = f.join();
                maxRounds = Math.max(maxRounds, found.rounds());
                assertTrue(found.rounds() < 10, found.toString());
                assertTrue(new HashSet<>(found.peers()).containsAll(announced.get(found.infoHash())),
                        "missing peers: " + found);
                for (InetSocketAddress p : found.peers()) {
                    assertFalse(liarIps.contains(p.getAddress()), "a liar's fake peer: " + p);
                }
            }
            assertTrue(honest.get(7).getPeers(InfoHash.v1(poisoned.bytes())).join().peers().isEmpty(),
                    "peers announced with bogus tokens were stored");

            // every table valid, every entry the real node at that address, no liar anywhere
            int entries = 0;
            for (DhtNode n : honest) {
                List<DhtContact> contacts = ((DefaultDhtNode) n).inspectTable(t -> {
                    t.checkInvariants();
                    List<DhtContact> all = new ArrayList<>();
                    for (var b : t.buckets()) {
                        b.live().forEach(e -> all.add(e.contact()));
                        b.replacements().forEach(e -> all.add(e.contact()));
                    }
                    return all;
                }).join();
                assertFalse(contacts.isEmpty());
                for (DhtContact c : contacts) {
                    assertFalse(liarIps.contains(c.address().getAddress()), "liar " + c + " in the table of " + n.nodeId());
                    assertEquals(truth.get(c.address()), c.id(), "wrong id for " + c.address());
                }
                entries += contacts.size();
            }
            long rateLimited = honest.stream().mapToLong(n -> n.stats().rateLimitedPackets()).sum();
            long errorsToLiars = liars.stream().mapToLong(l -> l.errorsReceived.get()).sum();
            assertTrue(rateLimited > 0, "the floods were not limited");
            assertTrue(errorsToLiars >= LIARS * 15 / 2, "bogus tokens were not refused: " + errorsToLiars);
            System.out.printf("simulation: %d honest nodes, %d liars, %d table entries, max rounds %d, "
                    + "rate-limited packets %d, errors sent to liars %d%n", HONEST, LIARS, entries, maxRounds,
                    rateLimited, errorsToLiars);
        }
    }
}
