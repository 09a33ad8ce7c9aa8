package dev.torrpedo.tracker.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.AnnounceEvent;
import dev.torrpedo.tracker.ScrapeStats;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** BEP 15 packets byte for byte, with BEP 41 options and the truncations that must fail. */
class UdpTrackerCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] encode(UdpRequest r) {
        ByteBuf b = Unpooled.buffer();
        try {
            UdpTrackerCodec.encode(r, b);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static byte[] encode(UdpReply r, boolean v6) {
        ByteBuf b = Unpooled.buffer();
        try {
            UdpTrackerCodec.encode(r, v6, b);
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static UdpReply reply(byte[] bytes, boolean v6) {
        return UdpTrackerCodec.decodeReply(Unpooled.wrappedBuffer(bytes), v6, 100);
    }

    @Test
    void connectRequest() {
        // magic 0x41727101980, action 0, transaction 0xdeadbeef
        assertEquals("0000041727101980" + "00000000" + "deadbeef",
                HEX.formatHex(encode(new UdpRequest.Connect(0xdeadbeef))));
        assertEquals(new UdpRequest.Connect(0xdeadbeef), UdpTrackerCodec.decodeRequest(
                Unpooled.wrappedBuffer(HEX.parseHex("0000041727101980" + "00000000" + "deadbeef"))));
    }

    @Test
    void announceRequestWithUrlData() {
        byte[] hash = new byte[20];
        Arrays.fill(hash, (byte) 0xaa);
        byte[] id = new byte[20];
        Arrays.fill(id, (byte) 'p');
        UdpRequest.Announce a = new UdpRequest.Announce(0x1122334455667788L, 7, InfoHash.v1(hash), PeerId.of(id),
                1, 2, 3, AnnounceEvent.STARTED, 0, 0x0a0b0c0d, -1, 6881, "/announce?k=v");
        byte[] wire = encode(a);
        assertEquals(98 + 2 + 13 + 1, wire.length);
        assertEquals("1122334455667788" + "00000001" + "00000007", HEX.formatHex(wire, 0, 16));
        assertEquals("0000000000000001" + "0000000000000002" + "0000000000000003" + "00000002" + "00000000"
                + "0a0b0c0d" + "ffffffff" + "1ae1", HEX.formatHex(wire, 56, 98));
        assertEquals("020d", HEX.formatHex(wire, 98, 100));
        assertEquals(0, wire[wire.length - 1]);
        assertEquals(a, UdpTrackerCodec.decodeRequest(Unpooled.wrappedBuffer(wire)));
    }

    @Test
    void longUrlDataIsSplitInto255ByteOptionsAndNopsAreSkipped() {
        String url = "/" + "x".repeat(600);
        UdpRequest.Announce a = new UdpRequest.Announce(1, 2, InfoHash.v1(new byte[20]), PeerId.of(new byte[20]),
                0, 0, 0, AnnounceEvent.NONE, 0, 0, 50, 1, url);
        byte[] wire = encode(a);
        assertEquals(98 + 3 * 2 + 601 + 1, wire.length);
        assertEquals(a, UdpTrackerCodec.decodeRequest(Unpooled.wrappedBuffer(wire)));
        byte[] withNop = Arrays.copyOf(Arrays.copyOf(wire, 98), 99 + wire.length - 98);
        withNop[98] = 1; // NOP
        System.arraycopy(wire, 98, withNop, 99, wire.length - 98);
        assertEquals(url, ((UdpRequest.Announce) UdpTrackerCodec.decodeRequest(Unpooled.wrappedBuffer(withNop))).urlData());
    }

    @Test
    void scrapeRequestAndReply() {
        InfoHash a = InfoHash.v1(new byte[20]);
        byte[] bb = new byte[20];
        bb[19] = 1;
        InfoHash b = InfoHash.v1(bb);
        UdpRequest.Scrape s = new UdpRequest.Scrape(9, 10, List.of(a, b));
        byte[] wire = encode(s);
        assertEquals(16 + 40, wire.length);
        assertEquals(s, UdpTrackerCodec.decodeRequest(Unpooled.wrappedBuffer(wire)));
        byte[] r = HEX.parseHex("00000002" + "0000000a" + "00000001" + "00000002" + "00000003"
                + "00000004" + "00000005" + "00000006");
        assertEquals(new UdpReply.Scrape(10, List.of(new ScrapeStats(1, 2, 3), new ScrapeStats(4, 5, 6))), reply(r, false));
        assertArrayEquals(r, encode(reply(r, false), false));
    }

    @Test
    void announceReplyIpv4AndIpv6() throws Exception {
        byte[] v4 = HEX.parseHex("00000001" + "00000007" + "00000708" + "00000002" + "00000003" + "7f000001" + "1ae1");
        UdpReply.Announce a = (UdpReply.Announce) reply(v4, false);
        assertEquals(new UdpReply.Announce(7, 1800, 2, 3,
                List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 6881))), a);
        assertArrayEquals(v4, encode(a, false));

        byte[] v6 = HEX.parseHex("00000001" + "00000007" + "00000708" + "00000002" + "00000003"
                + "00000000000000000000000000000001" + "1ae1");
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("::1"), 6881)),
                ((UdpReply.Announce) reply(v6, true)).peers());
        // read as IPv4 the 18 bytes are three entries, two of them with port 0, which are skipped
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("0.0.0.1"), 6881)),
                ((UdpReply.Announce) reply(v6, false)).peers());
    }

    @Test
    void connectAndErrorReplies() {
        assertEquals(new UdpReply.Connect(5, 0x0102030405060708L),
                reply(HEX.parseHex("00000000" + "00000005" + "0102030405060708"), false));
        assertEquals(new UdpReply.Error(5, "nope"), reply(HEX.parseHex("00000003" + "00000005" + "6e6f7065"), false));
    }

    @Test
    void replyTransactionIdIsACheapFilter() {
        assertEquals(OptionalInt.of(5), UdpTrackerCodec.replyTransactionId(Unpooled.wrappedBuffer(HEX.parseHex("0000000300000005"))));
        assertEquals(OptionalInt.empty(), UdpTrackerCodec.replyTransactionId(Unpooled.wrappedBuffer("d1:ad2:id".getBytes())));
        assertEquals(OptionalInt.empty(), UdpTrackerCodec.replyTransactionId(Unpooled.wrappedBuffer(new byte[7])));
    }

    @Test
    void truncatedAndInvalidRepliesAreMalformed() {
        for (String hex : List.of("", "000000", "00000000000000", "000000000000000500", "0000000100000005000000",
                "00000001000000050000000100000001000000017f00", "00000002000000050000000100",
                "00000004000000050000000000000000", "0000000100000005ffffffff0000000000000000")) {
            TrackerException e = assertThrows(TrackerException.class, () -> reply(HEX.parseHex(hex), false), hex);
            assertEquals(TrackerError.MALFORMED, e.error());
            assertTrue(e.offset() >= 0 && e.offset() <= hex.length() / 2, e.getMessage());
        }
    }

    @Test
    void invalidRequestsAreMalformed() {
        for (String hex : List.of("", "0000041727101980000000", "0000041727101981" + "00000000" + "00000001",
                "0000000000000001" + "00000002" + "00000001", "0000000000000001" + "00000005" + "00000001",
                "0000000000000001" + "00000001" + "00000001" + "00".repeat(50))) {
            TrackerException e = assertThrows(TrackerException.class,
                    () -> UdpTrackerCodec.decodeRequest(Unpooled.wrappedBuffer(HEX.parseHex(hex))), hex);
            assertEquals(TrackerError.MALFORMED, e.error());
        }
    }

    @Test
    void decodingLeavesTheBufferAlone() {
        ByteBuf b = Unpooled.wrappedBuffer(HEX.parseHex("00000000" + "00000005" + "0102030405060708"));
        UdpTrackerCodec.decodeReply(b, false, 10);
        assertEquals(0, b.readerIndex());
        assertEquals(1, b.refCnt());
        b.release();
    }
}
