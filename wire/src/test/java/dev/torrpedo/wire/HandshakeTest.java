package dev.torrpedo.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandshakeTest {
    static final InfoHash V1 = InfoHash.v1(Golden.filled(20, 0xAA));
    static final InfoHash V2 = InfoHash.v2(Golden.filled(32, 0xBB));
    static final InfoHash HYBRID = InfoHash.hybrid(Golden.filled(20, 0xCC), Golden.filled(32, 0xDD));
    static final PeerId ID = PeerId.of("-TP0100-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));

    /** BEP 3 layout: 19, the protocol string, reserved (BEP 10 and BEP 6 and DHT bits), hash, id. */
    static final String GOLDEN = "13 426974546f7272656e742070726f746f636f6c"
            + " 0000000000100005"
            + " aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + " 2d5450303130302d6162636465666768696a6b6c";

    static Reserved ours() {
        return Reserved.NONE.with(Reserved.EXTENSION_PROTOCOL, true).with(Reserved.FAST, true).with(Reserved.DHT, true);
    }

    @Test
    void reservedBitsSitWhereTheBepsPutThem() {
        byte[] b = java.nio.ByteBuffer.allocate(8).putLong(Reserved.EXTENSION_PROTOCOL).array();
        assertEquals(0x10, b[5]);
        b = java.nio.ByteBuffer.allocate(8).putLong(Reserved.FAST | Reserved.DHT | Reserved.V2_UPGRADE).array();
        assertEquals(0x15, b[7]);
        Reserved r = ours();
        assertTrue(r.extensionProtocol() && r.fast() && r.dht());
        assertFalse(r.v2Upgrade());
        assertTrue(r.with(Reserved.V2_UPGRADE, true).v2Upgrade());
        assertFalse(r.and(Reserved.NONE.with(Reserved.FAST, true)).extensionProtocol());
    }

    @Test
    void encodesTheGoldenBytes() {
        ByteBuf out = Unpooled.buffer();
        Handshake.of(ours(), V1, ID).encode(out);
        assertEquals(GOLDEN.replace(" ", ""), Wire.hex(Wire.bytes(out)));
        out.release();
    }

    @Test
    void decodesAndMatchesTheTorrentByV1OrTruncatedV2() {
        TorrentLookup lookup = TorrentLookup.of(List.of(V1, V2, HYBRID));
        ByteBuf in = Unpooled.wrappedBuffer(Wire.hex(GOLDEN));
        Handshake h = HandshakeDecoder.decode(in, lookup);
        assertEquals(new Handshake(ours(), V1, false, ID), h);
        in.release();
        for (Handshake sent : List.of(Handshake.of(Reserved.NONE, V2, ID), Handshake.of(Reserved.NONE, HYBRID, ID),
                new Handshake(Reserved.NONE.with(Reserved.V2_UPGRADE, true), HYBRID, true, ID))) {
            ByteBuf buf = Unpooled.buffer();
            sent.encode(buf);
            assertEquals(sent, HandshakeDecoder.decode(buf, lookup));
            buf.release();
        }
        assertArrayEquals(Golden.filled(20, 0xBB), Handshake.of(Reserved.NONE, V2, ID).wireHash());
    }

    @Test
    void aHybridTorrentsV1HandshakeWithTheUpgradeBitIsAnsweredInV2() {
        Reserved upgrade = ours().with(Reserved.V2_UPGRADE, true);
        Handshake asking = new Handshake(upgrade, HYBRID, false, ID);
        assertTrue(asking.upgradesToV2(upgrade));
        Handshake reply = asking.reply(upgrade, ID);
        assertTrue(reply.truncatedV2());
        assertArrayEquals(HYBRID.truncatedV2(), reply.wireHash());
        // either side without the bit: no upgrade
        assertFalse(asking.reply(ours(), ID).truncatedV2());
        assertFalse(new Handshake(ours(), HYBRID, false, ID).reply(upgrade, ID).truncatedV2());
        // a v2 handshake stays v2; a v1-only torrent never gets the bit
        assertTrue(new Handshake(ours(), HYBRID, true, ID).reply(ours(), ID).truncatedV2());
        Handshake v1Reply = new Handshake(upgrade, V1, false, ID).reply(upgrade, ID);
        assertFalse(v1Reply.truncatedV2());
        assertFalse(v1Reply.reserved().v2Upgrade());
        assertTrue(new Handshake(ours(), V2, true, ID).reply(upgrade, ID).reserved().v2Upgrade());
    }

    @Test
    void anUnknownTorrentOrAnotherProtocolIsRefused() {
        ByteBuf in = Unpooled.wrappedBuffer(Wire.hex(GOLDEN));
        HandshakeException e = assertThrows(HandshakeException.class,
                () -> HandshakeDecoder.decode(in, TorrentLookup.only(V2)));
        assertEquals("info_hash", e.field());
        in.release();
        ByteBuf http = Unpooled.wrappedBuffer("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("pstr", assertThrows(HandshakeException.class,
                () -> HandshakeDecoder.decode(http, TorrentLookup.only(V1))).field());
        http.release();
        ByteBuf early = Unpooled.wrappedBuffer(Wire.hex("13 42697454"));
        assertNull(HandshakeDecoder.decode(early, TorrentLookup.only(V1)), "a correct prefix waits");
        early.release();
        ByteBuf wrongEarly = Unpooled.wrappedBuffer(Wire.hex("13 42697455"));
        assertThrows(HandshakeException.class, () -> HandshakeDecoder.decode(wrongEarly, TorrentLookup.only(V1)),
                "a wrong prefix fails before 68 bytes");
        wrongEarly.release();
    }

    /** The decoder hands over the handshake, removes itself, and passes on the bytes that followed. */
    @ParameterizedTest
    @EnumSource(Wire.Feed.class)
    void decoderRemovesItselfAndPassesTheRestOn(Wire.Feed feed) {
        byte[] stream = Wire.hex(GOLDEN + " 00000005 04 0000002a 00000001 01");
        for (long seed = 0; seed < (feed == Wire.Feed.RANDOM_SPLITS ? 20 : 1); seed++) {
            EmbeddedChannel ch = new EmbeddedChannel(new HandshakeDecoder(TorrentLookup.only(V1)),
                    new PeerMessageDecoder(WireLimits.DEFAULT));
            List<ByteBuf> fed = Wire.feed(ch, stream, feed, new Random(seed));
            assertNull(ch.pipeline().get(HandshakeDecoder.class));
            List<Object> got = Wire.inbound(ch);
            assertEquals(List.of(new Handshake(ours(), V1, false, ID), new PeerMessage.Have(42), PeerMessage.UNCHOKE), got);
            assertFalse(ch.finish());
            Wire.assertReleased(fed);
        }
    }

    @Test
    void encoderWritesOneHandshakeAndRemovesItself() {
        EmbeddedChannel ch = new EmbeddedChannel(new HandshakeEncoder());
        ch.writeOutbound(Handshake.of(ours(), V1, ID));
        assertArrayEquals(Wire.hex(GOLDEN), Wire.outboundBytes(ch));
        assertNull(ch.pipeline().get(HandshakeEncoder.class));
        assertFalse(ch.finish());
    }

    @Test
    void torrentIndexFindsEveryFormAndForgetsRemovedTorrents() {
        TorrentIndex index = new TorrentIndex();
        index.add(V1);
        index.add(HYBRID);
        index.add(V2);
        assertEquals(3, index.size());
        assertEquals(HYBRID, index.find(HYBRID.v1()));
        assertEquals(HYBRID, index.find(HYBRID.truncatedV2()));
        assertEquals(V2, index.find(V2.truncatedV2()));
        assertEquals(HYBRID, index.findObfuscated(dev.torrpedo.wire.internal.Sha1.req2(HYBRID.truncatedV2())));
        index.remove(HYBRID);
        assertNull(index.find(HYBRID.v1()));
        assertNull(index.findObfuscated(dev.torrpedo.wire.internal.Sha1.req2(HYBRID.v1())));
        assertEquals(2, index.size());
    }
}
