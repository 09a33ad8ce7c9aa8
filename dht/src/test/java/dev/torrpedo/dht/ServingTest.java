package dev.torrpedo.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.dht.krpc.KrpcError;
import dev.torrpedo.dht.krpc.KrpcMessage;
import dev.torrpedo.dht.krpc.KrpcMethod;
import dev.torrpedo.dht.krpc.KrpcQuery;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.QueryArgs;
import dev.torrpedo.dht.krpc.ResponseBody;
import dev.torrpedo.dht.krpc.Want;
import dev.torrpedo.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One of our nodes answering raw KRPC from loopback sockets, on a clock the test moves. */
class ServingTest {
    private final SplittableRandom random = new SplittableRandom(11);
    private final ManualClock clock = new ManualClock();
    private final TestNetwork net = new TestNetwork(1, 3);
    private final List<RawClient> clients = new ArrayList<>();

    @AfterEach
    void close() {
        clients.forEach(RawClient::close);
        net.close();
    }

    private DhtNode node(DhtSettings settings) {
        DhtNode n = DhtNode.builder().settings(settings).bind(net.group, new InetSocketAddress(TestNetwork.address(0), 0))
                .clock(clock).random(random.split()).callbackExecutor(Runnable::run).build();
        net.nodes.add(n);
        n.start().join();
        return n;
    }

    private RawClient client(int i) {
        RawClient c = new RawClient(TestNetwork.address(100 + i), NodeId.random(random));
        clients.add(c);
        return c;
    }

    private static byte[] tokenFrom(KrpcMessage m) {
        return ((ResponseBody.Peers) ((KrpcResponse) m).body()).token();
    }

    @Test
    void tokensAreTiedToTheIpAndLiveOneToTwoRotations() {
        DhtNode n = node(TestNetwork.settings().build());
        NodeId ih = NodeId.random(random);
        RawClient a = client(0);
        RawClient b = client(1);
        byte[] token = tokenFrom(a.call(n.localAddress(), new QueryArgs.GetPeers(ih, Want.DEFAULT, false, false)));
        assertInstanceOf(KrpcError.class, b.call(n.localAddress(), new QueryArgs.AnnouncePeer(ih, 1, false, token, false)),
                "another IP's token");
        clock.advance(Duration.ofMinutes(5));
        KrpcMessage ok = a.call(n.localAddress(), new QueryArgs.AnnouncePeer(ih, 7000, false, token, false));
        assertInstanceOf(KrpcResponse.class, ok, "the previous secret's token still works");
        clock.advance(Duration.ofMinutes(5));
        KrpcError stale = (KrpcError) a.call(n.localAddress(), new QueryArgs.AnnouncePeer(ih, 7000, false, token, false));
        assertEquals(KrpcError.PROTOCOL, stale.code());
        ResponseBody.Peers peers = (ResponseBody.Peers) ((KrpcResponse) b.call(n.localAddress(),
                new QueryArgs.GetPeers(ih, Want.DEFAULT, false, false))).body();
        assertEquals(List.of(new InetSocketAddress(a.address().getAddress(), 7000)), peers.values());
        KrpcResponse r = (KrpcResponse) b.call(n.localAddress(), new QueryArgs.Ping());
        assertEquals(b.address(), r.yourAddress(), "BEP 42: answers carry the requester's address");
    }

    @Test
    void peerStoreCapsAndRepliesAreBounded() {
        DhtNode n = node(TestNetwork.settings().maxPeersPerTorrent(120).build());
        NodeId ih = NodeId.random(random);
        for (int i = 0; i < 150; i++) {
            RawClient c = client(i);
            byte[] token = tokenFrom(c.call(n.localAddress(), new QueryArgs.GetPeers(ih, Want.DEFAULT, false, false)));
            assertInstanceOf(KrpcResponse.class, c.call(n.localAddress(),
                    new QueryArgs.AnnouncePeer(ih, 0, true, token, i % 3 == 0)));
            c.close();
        }
        RawClient asker = client(999);
        ResponseBody.Peers peers = (ResponseBody.Peers) ((KrpcResponse) asker.call(n.localAddress(),
                new QueryArgs.GetPeers(ih, Want.DEFAULT, false, false))).body();
        assertEquals(100, peers.values().size(), "100 peers per reply");
        TestNetwork.await(() -> n.stats().storedPeers() == 120, Duration.ofSeconds(5), "120 stored peers");
        ResponseBody.Peers scrape = (ResponseBody.Peers) ((KrpcResponse) asker.call(n.localAddress(),
                new QueryArgs.GetPeers(ih, Want.DEFAULT, true, true))).body();
        assertNotNull(scrape.seedsBloom());
        assertTrue(scrape.values().size() <= 50, "fewer peers beside the bloom filters");
        clock.advance(Duration.ofMinutes(46));
        ResponseBody.Peers expired = (ResponseBody.Peers) ((KrpcResponse) asker.call(n.localAddress(),
                new QueryArgs.GetPeers(ih, Want.DEFAULT, false, false))).body();
        assertEquals(List.of(), expired.values(), "peers expire 45 minutes after their announce");
    }

    @Test
    void aFloodOfAnnouncesFromManyIpsStaysWithinTheCaps() {
        DhtNode n = node(TestNetwork.settings().rateLimitPerIp(0).maxTorrents(100).maxPeersPerTorrent(10).build());
        List<NodeId> hashes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            hashes.add(NodeId.random(random));
        }
        int sent = 0;
        for (int i = 0; i < 30; i++) {
            RawClient c = client(i);
            byte[] token = tokenFrom(c.call(n.localAddress(), new QueryArgs.GetPeers(hashes.get(0), Want.DEFAULT, false, false)));
            sent++;
            for (NodeId ih : hashes) {
                c.send(n.localAddress(), new QueryArgs.AnnouncePeer(ih, 1000 + i, false, token, false));
                sent++;
            }
        }
        int expected = sent;
        TestNetwork.await(() -> n.stats().queriesAnswered() >= expected, Duration.ofSeconds(20), "every announce handled");
        TestNetwork.await(() -> n.stats().torrents() <= 100, Duration.ofSeconds(5), "at most 100 torrents");
        DhtStats s = n.stats();
        assertTrue(s.storedPeers() <= 100 * 10, "peers: " + s.storedPeers());
        assertTrue(s.storedPeers() >= 10, "peers: " + s.storedPeers());
    }

    @Test
    void anIpOverFivePacketsASecondIsBlockedForFiveMinutes() {
        DhtNode n = node(TestNetwork.settings().rateLimitPerIp(5).build());
        RawClient flooder = client(0);
        for (int i = 0; i < 70; i++) {
            flooder.send(n.localAddress(), new QueryArgs.Ping());
        }
        TestNetwork.await(() -> n.stats().rateLimitedPackets() >= 20 && n.stats().blockedIps() == 1,
                Duration.ofSeconds(5), "the flooder blocked");
        int answered = 0;
        KrpcMessage m;
        while ((m = flooder.receive(Duration.ofMillis(300), KrpcMethod.PING)) != null) {
            if (m instanceof KrpcResponse) {
                answered++; // not the node's own ping of a new querier
            }
        }
        assertEquals(50, answered, "5 packets/s over a 10 s window");
        RawClient other = client(1);
        assertInstanceOf(KrpcResponse.class, other.call(n.localAddress(), new QueryArgs.Ping()), "others are served");
        clock.advance(Duration.ofSeconds(299));
        flooder.send(n.localAddress(), new QueryArgs.Ping());
        assertNull(flooder.receive(Duration.ofMillis(300), KrpcMethod.PING), "still blocked");
        clock.advance(Duration.ofSeconds(2));
        assertInstanceOf(KrpcResponse.class, flooder.call(n.localAddress(), new QueryArgs.Ping()), "unblocked after 300 s");
    }

    @Test
    void answersStopAtTheUploadCap() {
        DhtNode n = node(TestNetwork.settings().rateLimitPerIp(0).uploadRateLimit(2000).build());
        RawClient c = client(0);
        for (int i = 0; i < 100; i++) {
            c.send(n.localAddress(), new QueryArgs.Ping());
        }
        TestNetwork.await(() -> n.stats().queriesAnswered() == 100, Duration.ofSeconds(5), "100 queries handled");
        int answered = 0;
        int bytes = 0;
        KrpcMessage m;
        while ((m = c.receive(Duration.ofMillis(300), KrpcMethod.PING)) != null) {
            if (m instanceof KrpcResponse) {
                answered++; // not the node's own ping of a new querier
                bytes += 60;
            }
        }
        assertTrue(answered < 100 && bytes <= 2000 + 60 * 5, "answered " + answered);
        assertEquals(100 - answered, n.stats().uploadCapDrops());
        clock.advance(Duration.ofSeconds(1));
        assertInstanceOf(KrpcResponse.class, c.call(n.localAddress(), new QueryArgs.Ping()), "the budget refills");
    }

    @Test
    void badQueriesGetBep5Errors() {
        DhtNode n = node(TestNetwork.settings().build());
        RawClient c = client(0);
        c.sendRaw(n.localAddress(), "d1:ad2:id20:abcdefghij0123456789e1:q4:vote1:t2:zz1:y1:qe".getBytes(StandardCharsets.US_ASCII));
        KrpcError unknown = (KrpcError) c.receive(Duration.ofSeconds(5), KrpcMethod.PING);
        assertEquals(KrpcError.METHOD_UNKNOWN, unknown.code());
        c.sendRaw(n.localAddress(), "d1:ad2:id3:abce1:q4:ping1:t2:zy1:y1:qe".getBytes(StandardCharsets.US_ASCII));
        KrpcError bad = (KrpcError) c.receive(Duration.ofSeconds(5), KrpcMethod.PING);
        assertEquals(KrpcError.PROTOCOL, bad.code());
        c.sendRaw(n.localAddress(), "d1:rd2:id20:abcdefghij0123456789e1:t2:aa1:y1:re".getBytes(StandardCharsets.US_ASCII));
        TestNetwork.await(() -> n.stats().invalidPackets() >= 3, Duration.ofSeconds(5), "three invalid packets counted");
    }

    @Test
    void readOnlyNodesAnswerNothingAndStayOutOfTables() throws Exception {
        DhtNode normal = node(TestNetwork.settings().build());
        DhtNode readOnly = DhtNode.builder()
                .settings(TestNetwork.settings().readOnly(true).bootstrapNodes(List.of(normal.localAddress())).build())
                .bind(net.group, new InetSocketAddress(TestNetwork.address(1), 0)).clock(clock)
                .callbackExecutor(Runnable::run).build();
        net.nodes.add(readOnly);
        readOnly.start().join();
        assertEquals(1, readOnly.nodeCount(), "a read-only node still uses the DHT");
        assertEquals(0, normal.nodeCount(), "but is not added to others' tables");
        RawClient c = client(0);
        c.send(readOnly.localAddress(), new QueryArgs.Ping());
        assertNull(c.receive(Duration.ofMillis(300), KrpcMethod.PING), "a read-only node answers no query");
        var pinged = readOnly.ping(c.address());
        KrpcQuery q = (KrpcQuery) c.receive(Duration.ofSeconds(5), null);
        assertTrue(q.readOnly(), "BEP 43: ro=1 in its queries");
        pinged.cancel(true);
    }

    @Test
    void sampleInfohashesCountsAndSamples() {
        DhtNode n = node(TestNetwork.settings().maxSamples(5).build());
        RawClient c = client(0);
        for (int i = 0; i < 8; i++) {
            NodeId ih = NodeId.random(random);
            byte[] token = tokenFrom(c.call(n.localAddress(), new QueryArgs.GetPeers(ih, Want.DEFAULT, false, false)));
            c.call(n.localAddress(), new QueryArgs.AnnouncePeer(ih, 99, false, token, false));
        }
        ResponseBody.Samples s = (ResponseBody.Samples) ((KrpcResponse) client(1).call(n.localAddress(),
                new QueryArgs.SampleInfohashes(NodeId.random(random), Want.DEFAULT))).body();
        assertEquals(8, s.num());
        assertEquals(5, s.samples().size());
        assertTrue(s.interval() > 0);
        assertEquals(InfoHash.V1_LENGTH, s.samples().get(0).bytes().length);
    }

    @Test
    void mutablePutsFollowBep44Rules() throws Exception {
        DhtNode n = node(TestNetwork.settings().build());
        RawClient c = client(0);
        java.security.KeyPair keys = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        MutableItem v2 = MutableItem.sign(keys, new byte[0], 2, dev.torrpedo.bencode.BString.of("two"));
        MutableItem v1 = MutableItem.sign(keys, new byte[0], 1, dev.torrpedo.bencode.BString.of("one"));
        byte[] token = ((ResponseBody.Item) ((KrpcResponse) c.call(n.localAddress(),
                new QueryArgs.GetItem(v2.target(), -1, Want.DEFAULT))).body()).token();
        assertInstanceOf(KrpcResponse.class, c.call(n.localAddress(), put(token, v2, -1)));
        assertEquals(KrpcError.SEQUENCE_TOO_LOW, ((KrpcError) c.call(n.localAddress(), put(token, v1, -1))).code());
        MutableItem v3 = MutableItem.sign(keys, new byte[0], 3, dev.torrpedo.bencode.BString.of("three"));
        assertEquals(KrpcError.CAS_MISMATCH, ((KrpcError) c.call(n.localAddress(), put(token, v3, 1))).code());
        byte[] sig = v3.signature();
        sig[0] ^= 1;
        assertEquals(KrpcError.INVALID_SIGNATURE, ((KrpcError) c.call(n.localAddress(),
                new QueryArgs.PutItem(token, v3.value(), v3.publicKey(), new byte[0], 3, sig, -1))).code());
        assertInstanceOf(KrpcResponse.class, c.call(n.localAddress(), put(token, v3, 2)));
        ResponseBody.Item got = (ResponseBody.Item) ((KrpcResponse) c.call(n.localAddress(),
                new QueryArgs.GetItem(v3.target(), 3, Want.DEFAULT))).body();
        assertNull(got.value(), "nothing newer than seq 3");
        assertEquals(3, got.seq());
    }

    private static QueryArgs.PutItem put(byte[] token, MutableItem m, long cas) {
        return new QueryArgs.PutItem(token, m.value(), m.publicKey(), m.salt(), m.seq(), m.signature(), cas);
    }

    static InetAddress ip(int i) {
        return TestNetwork.address(i);
    }
}
