package dev.torrpedo.tracker;

import static dev.torrpedo.tracker.Loopback.await;
import static dev.torrpedo.tracker.Loopback.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.tracker.server.EmbeddedTracker;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripted UDP trackers on real loopback sockets (BEP 15): silence, truncated packets, wrong
 * transaction ids, error packets. Each ends as that tracker's error; the client goes on.
 */
class UdpTrackerFaultsTest {
    private static final byte[] ONE_PEER = {127, 0, 0, 1, 0x1a, (byte) 0xe1};

    private final ManualClock clock = new ManualClock();
    private Loopback loopback;
    private UdpTrackerClient client;
    private EmbeddedTracker sound;

    @BeforeEach
    void start() {
        loopback = new Loopback();
        client = loopback.udp(Loopback.SETTINGS.toBuilder().udpRetransmitBase(Duration.ofMillis(50)).udpMaxRetransmits(3).build(), clock);
        sound = await(loopback.tracker().build().start(0));
    }

    @AfterEach
    void stop() {
        await(client.announce(sound.udpAnnounceUrl(), request()));
        client.close();
        sound.close();
        loopback.close();
    }

    private static AnnounceRequest request() {
        return Loopback.request(Loopback.hash(9), Loopback.peer(9), 6881, 0);
    }

    private TrackerException failure(ScriptedUdpServer server) {
        try (server) {
            TrackerException e = awaitFailure(client.announce(server.url(), request()));
            assertEquals(server.url(), e.tracker());
            return e;
        }
    }

    /** A tracker that answers connects with id 77 and announces with {@code announce}. */
    private ScriptedUdpServer tracker(java.util.function.Function<ByteBuffer, List<byte[]>> announce) {
        return new ScriptedUdpServer(loopback.group, (req, i) -> ScriptedUdpServer.action(req) == 0
                ? List.of(ScriptedUdpServer.connectReply(ScriptedUdpServer.txn(req), 77))
                : announce.apply(req));
    }

    @Test
    void silenceIsRetransmittedThenTimesOut() {
        ScriptedUdpServer server = new ScriptedUdpServer(loopback.group, (req, i) -> List.of());
        assertEquals(TrackerError.TIMEOUT, failure(server).error());
        assertEquals(4, server.requests.size()); // the first send and udpMaxRetransmits = 3 resends
        int txn = ByteBuffer.wrap(server.requests.get(0)).getInt(12);
        for (byte[] r : server.requests) {
            assertEquals(txn, ByteBuffer.wrap(r).getInt(12));
            assertEquals(0x41727101980L, ByteBuffer.wrap(r).getLong(0));
        }
    }

    @Test
    void aLostPacketIsResentAndTheAnswerStillCounts() {
        try (ScriptedUdpServer server = new ScriptedUdpServer(loopback.group, (req, i) -> {
            if (i == 0) {
                return List.of(); // the first connect is "lost"
            }
            return ScriptedUdpServer.action(req) == 0
                    ? List.of(ScriptedUdpServer.connectReply(ScriptedUdpServer.txn(req), 5))
                    : List.of(ScriptedUdpServer.announceReply(ScriptedUdpServer.txn(req), 1200, ONE_PEER));
        })) {
            AnnounceResponse r = await(client.announce(server.url(), request()));
            assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881)), r.peers());
            assertEquals(Duration.ofSeconds(1200), r.interval());
            assertEquals(4, r.seeders().getAsInt());
            assertEquals(3, r.leechers().getAsInt());
            assertEquals(2, server.count(0));
            ByteBuffer announce = ByteBuffer.wrap(server.requests.get(2));
            assertEquals(5, announce.getLong(0)); // the connection id
            assertEquals(98 + 2 + "/announce".length() + 1, announce.capacity()); // BEP 41 URL data
            assertEquals("/announce", new String(server.requests.get(2), 100, 9, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void aTruncatedConnectReplyIsMalformed() {
        ScriptedUdpServer server = new ScriptedUdpServer(loopback.group, (req, i) -> List.of(
                Arrays.copyOf(ScriptedUdpServer.connectReply(ScriptedUdpServer.txn(req), 1), 12)));
        assertEquals(TrackerError.MALFORMED, failure(server).error());
    }

    @Test
    void aTruncatedAnnounceReplyIsMalformed() {
        TrackerException e = failure(tracker(req -> List.of(Arrays.copyOf(
                ScriptedUdpServer.announceReply(ScriptedUdpServer.txn(req), 60, ONE_PEER), 23))));
        assertEquals(TrackerError.MALFORMED, e.error());
        assertEquals("peers", e.field());
    }

    @Test
    void wrongTransactionIdsAreIgnored() {
        ScriptedUdpServer server = new ScriptedUdpServer(loopback.group, (req, i) -> List.of(
                ScriptedUdpServer.connectReply(ScriptedUdpServer.txn(req) + 1, 1)));
        assertEquals(TrackerError.TIMEOUT, failure(server).error());
    }

    @Test
    void anErrorPacketIsAFailureWithItsMessage() {
        TrackerException e = failure(tracker(req -> List.of(ByteBuffer.allocate(8 + 12).putInt(3)
                .putInt(ScriptedUdpServer.txn(req)).put("not on list".getBytes(StandardCharsets.UTF_8), 0, 11)
                .put(new byte[1]).array())));
        assertEquals(TrackerError.FAILURE, e.error());
        assertTrue(e.detail().startsWith("not on list"), e.detail());
    }

    @Test
    void aReplyOfTheWrongActionIsMalformed() {
        TrackerException e = failure(tracker(req -> List.of(
                ScriptedUdpServer.connectReply(ScriptedUdpServer.txn(req), 1))));
        assertEquals(TrackerError.MALFORMED, e.error());
    }

    @Test
    void connectionIdsAreReusedForAMinuteByTheClock() {
        try (ScriptedUdpServer server = tracker(req -> List.of(
                ScriptedUdpServer.announceReply(ScriptedUdpServer.txn(req), 60, ONE_PEER)))) {
            await(client.announce(server.url(), request()));
            clock.advance(Duration.ofSeconds(59));
            await(client.announce(server.url(), request()));
            assertEquals(1, server.count(0));
            clock.advance(Duration.ofSeconds(2));
            await(client.announce(server.url(), request()));
            assertEquals(2, server.count(0));
            assertEquals(3, server.count(1));
        }
    }

    @Test
    void ipv6PeersAreReadWhenTheTrackerIsOnIpv6() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        try (EmbeddedTracker t = await(loopback.tracker().host(v6).build().start(0));
             UdpTrackerClient v6Client = UdpTrackerClient.builder().settings(Loopback.SETTINGS).clock(clock)
                     .open(loopback.group, io.netty.channel.socket.nio.NioDatagramChannel::new,
                             new InetSocketAddress(v6, 0)).join()) {
            assertEquals(URI.create("udp://[0:0:0:0:0:0:0:1]:" + t.port() + "/announce"), t.udpAnnounceUrl());
            await(v6Client.announce(t.udpAnnounceUrl(), Loopback.request(Loopback.hash(8), Loopback.peer(1), 7001, 0)));
            AnnounceResponse r = await(v6Client.announce(t.udpAnnounceUrl(),
                    Loopback.request(Loopback.hash(8), Loopback.peer(2), 7002, 9)));
            assertEquals(List.of(new InetSocketAddress(v6, 7001)), r.peers());
            // and over HTTP the same peer comes in peers6 (BEP 7)
            try (HttpTrackerClient http = loopback.http(Loopback.SETTINGS)) {
                AnnounceResponse h = await(http.announce(URI.create("http://[::1]:" + t.port() + "/announce"),
                        Loopback.request(Loopback.hash(8), Loopback.peer(3), 7003, 9)));
                assertEquals(2, h.peers().size());
                assertTrue(h.peers().contains(new InetSocketAddress(v6, 7002)), h.peers().toString());
            }
        }
    }
}
