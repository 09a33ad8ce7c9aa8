package dev.torrpedo.tracker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.Loopback;
import dev.torrpedo.tracker.ManualClock;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import dev.torrpedo.tracker.codec.HttpReplyDecoder;
import dev.torrpedo.tracker.codec.ReplyLimits;
import dev.torrpedo.tracker.codec.UdpReply;
import dev.torrpedo.tracker.codec.UdpRequest;
import dev.torrpedo.tracker.codec.UdpTrackerCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded tracker's handlers on EmbeddedChannels: requests fed whole, byte by byte and in random splits. */
class TrackerHandlersTest {
    private static final ReplyLimits LIMITS = new ReplyLimits(1 << 20, 100, Duration.ZERO, Duration.ofMinutes(1));
    private final ManualClock clock = new ManualClock();
    private Loopback loopback;
    private NettyEmbeddedTracker tracker;

    @BeforeEach
    void build() {
        loopback = new Loopback();
        tracker = (NettyEmbeddedTracker) loopback.tracker().clock(clock).build();
    }

    @AfterEach
    void close() {
        loopback.close();
    }

    private EmbeddedChannel http(String remoteIp) {
        InetSocketAddress remote = new InetSocketAddress(ip(remoteIp), 40000);
        return new EmbeddedChannel(new HttpServerCodec(), new HttpObjectAggregator(8192), new HttpTrackerHandler(tracker)) {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }
        };
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String announceQuery(InfoHash h, int port, long left, String extra) {
        StringBuilder q = new StringBuilder("/announce?info_hash=");
        for (byte b : h.wire()) {
            q.append('%').append(String.format("%02X", b & 0xff));
        }
        return q + "&peer_id=-TP0100-abcdefghijkl&port=" + port + "&uploaded=0&downloaded=0&left=" + left + extra;
    }

    /** Feeds the request in pieces of the sizes {@code split} picks; returns the response body. */
    private static byte[] exchange(EmbeddedChannel ch, String target, java.util.function.IntUnaryOperator split) {
        byte[] req = ("GET " + target + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < req.length; ) {
            int n = Math.min(req.length - i, Math.max(1, split.applyAsInt(req.length - i)));
            ch.writeInbound(Unpooled.wrappedBuffer(req, i, n));
            i += n;
        }
        ByteBuf all = Unpooled.buffer();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        all.release();
        assertTrue(text.startsWith("HTTP/1.1 200 OK"), text);
        return text.substring(text.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void announcesFedWholeByteByByteAndInRandomSplits() {
        InfoHash h = Loopback.hash(1);
        SplittableRandom random = new SplittableRandom(11);
        List<java.util.function.IntUnaryOperator> splits = List.of(left -> left, left -> 1, left -> 1 + random.nextInt(left));
        int port = 7000;
        for (java.util.function.IntUnaryOperator split : splits) {
            EmbeddedChannel ch = http("127.0.0.1");
            AnnounceResponse r = HttpReplyDecoder.announce(exchange(ch, announceQuery(h, ++port, 0, "&compact=1"), split), LIMITS);
            assertEquals(port - 7001, r.peers().size());
            assertEquals(Duration.ofSeconds(60), r.interval());
            assertFalse(ch.finish());
        }
        assertEquals(3, tracker.peers(h).size());
    }

    @Test
    void compactZeroGetsDictionaryPeersAndIpv6PeersComeInPeers6() {
        InfoHash h = Loopback.hash(2);
        EmbeddedChannel v6 = http("2001:db8::7");
        HttpReplyDecoder.announce(exchange(v6, announceQuery(h, 7001, 0, ""), n -> n), LIMITS);
        EmbeddedChannel v4 = http("127.0.0.1");
        String body = new String(exchange(v4, announceQuery(h, 7002, 5, "&compact=0"), n -> n), StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("2:ip11:2001:db8::7"), body);
        assertTrue(body.contains("7:peer id20:-TP0100-abcdefghijkl"), body);
        EmbeddedChannel v4again = http("127.0.0.2");
        AnnounceResponse compact = HttpReplyDecoder.announce(exchange(v4again, announceQuery(h, 7003, 5, ""), n -> n), LIMITS);
        assertTrue(compact.peers().contains(new InetSocketAddress(ip("2001:db8::7"), 7001)), compact.peers().toString());
        assertTrue(compact.peers().contains(new InetSocketAddress(ip("127.0.0.1"), 7002)), compact.peers().toString());
        assertFalse(v6.finish() | v4.finish() | v4again.finish());
    }

    @Test
    void badRequestsGetAFailureReason() {
        for (String target : List.of("/announce", "/announce?info_hash=abc&peer_id=x&port=1&left=0",
                announceQuery(Loopback.hash(3), 0, 0, ""), announceQuery(Loopback.hash(3), 99999, 0, ""),
                announceQuery(Loopback.hash(3), 5, -1, ""), "/scrape?info_hash=short")) {
            EmbeddedChannel ch = http("127.0.0.1");
            byte[] body = exchange(ch, target, n -> n);
            TrackerException e = org.junit.jupiter.api.Assertions.assertThrows(TrackerException.class,
                    () -> HttpReplyDecoder.announce(body, LIMITS), target);
            assertEquals(TrackerError.FAILURE, e.error());
            assertFalse(ch.finish());
        }
    }

    private static UdpReply udp(EmbeddedChannel ch, UdpRequest request, InetSocketAddress from) {
        ByteBuf b = Unpooled.buffer();
        UdpTrackerCodec.encode(request, b);
        ch.writeInbound(new DatagramPacket(b, new InetSocketAddress(0), from));
        DatagramPacket out = ch.readOutbound();
        try {
            assertEquals(from, out.recipient());
            return UdpTrackerCodec.decodeReply(out.content(), false, 100);
        } finally {
            out.release();
        }
    }

    @Test
    void udpConnectAnnounceAndScrape() {
        EmbeddedChannel ch = new EmbeddedChannel(new UdpTrackerHandler(tracker));
        InetSocketAddress a = new InetSocketAddress(ip("127.0.0.1"), 50000);
        InetSocketAddress b = new InetSocketAddress(ip("127.0.0.1"), 50001);
        long idA = ((UdpReply.Connect) udp(ch, new UdpRequest.Connect(1), a)).connectionId();
        long idB = ((UdpReply.Connect) udp(ch, new UdpRequest.Connect(2), b)).connectionId();
        InfoHash h = Loopback.hash(4);
        UdpReply first = udp(ch, new UdpRequest.Announce(idA, 3, h, PeerId.of(new byte[20]), 0, 0, 0, AnnounceEvent.STARTED,
                0, 0, -1, 6001, ""), a);
        assertEquals(new UdpReply.Announce(3, 60, 0, 1, List.of()), first);
        UdpReply second = udp(ch, new UdpRequest.Announce(idB, 4, h, PeerId.of(new byte[20]), 0, 9, 0, AnnounceEvent.STARTED,
                0, 0, -1, 6002, "/announce"), b);
        assertEquals(new UdpReply.Announce(4, 60, 1, 1, List.of(new InetSocketAddress(ip("127.0.0.1"), 6001))), second);

        // an id is bound to the address it was given to, and expires after two minutes at most
        assertInstanceOf(UdpReply.Error.class, udp(ch, new UdpRequest.Announce(idA, 5, h, PeerId.of(new byte[20]), 0, 0, 0,
                AnnounceEvent.NONE, 0, 0, -1, 6001, ""), b));
        clock.advance(Duration.ofSeconds(121));
        UdpReply expired = udp(ch, new UdpRequest.Scrape(idA, 6, List.of(h)), a);
        assertEquals(new UdpReply.Error(6, "unknown or expired connection id"), expired);
        long fresh = ((UdpReply.Connect) udp(ch, new UdpRequest.Connect(7), a)).connectionId();
        assertEquals(new UdpReply.Scrape(8, List.of(new dev.torrpedo.tracker.ScrapeStats(0, 0, 0))),
                udp(ch, new UdpRequest.Scrape(fresh, 8, List.of(h))), "both peers expired after 121 s of a 120 s expiry");
        assertFalse(ch.finish());
    }

    private static UdpReply udp(EmbeddedChannel ch, UdpRequest.Scrape s) {
        return udp(ch, s, new InetSocketAddress(ip("127.0.0.1"), 50000));
    }

    @Test
    void udpGarbageIsAnsweredWithAnErrorOrDropped() {
        EmbeddedChannel ch = new EmbeddedChannel(new UdpTrackerHandler(tracker));
        InetSocketAddress a = new InetSocketAddress(ip("127.0.0.1"), 50000);
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(new byte[5]), new InetSocketAddress(0), a));
        org.junit.jupiter.api.Assertions.assertNull((Object) ch.readOutbound(), "too short to carry a transaction id: dropped");
        byte[] badAction = java.nio.ByteBuffer.allocate(16).putLong(1).putInt(9).putInt(77).array();
        ch.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(badAction), new InetSocketAddress(0), a));
        DatagramPacket out = ch.readOutbound();
        assertEquals(3, out.content().getInt(0));
        assertEquals(77, out.content().getInt(4));
        assertTrue(ByteBufUtil.getBytes(out.content()).length > 8);
        out.release();
        assertFalse(ch.finish());
    }
}
