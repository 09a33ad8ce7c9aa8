package dev.torrpedo.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.wire.mse.CryptoMethod;
import dev.torrpedo.wire.mse.EncryptionEstablished;
import dev.torrpedo.wire.mse.EncryptionException;
import dev.torrpedo.wire.mse.EncryptionPolicy;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Our outbound side against our inbound side through {@link PeerWire}, for every pair of policies. */
class PeerWireTest {
    static final PeerId ALICE = PeerId.of("-TP0100-aliceaaaaaaa".getBytes(StandardCharsets.US_ASCII));
    static final PeerId BOB = PeerId.of("-TP0100-bobbbbbbbbbb".getBytes(StandardCharsets.US_ASCII));

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> policyPairs() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (EncryptionPolicy out : EncryptionPolicy.values()) {
            for (EncryptionPolicy in : EncryptionPolicy.values()) {
                b.add(Arguments.of(out, in));
            }
        }
        return b.build();
    }

    /** What a pair of policies must give: null for a refused connection. */
    static CryptoMethod expected(EncryptionPolicy out, EncryptionPolicy in) {
        if (out == EncryptionPolicy.PLAINTEXT) {
            return in == EncryptionPolicy.REQUIRE ? null : CryptoMethod.PLAINTEXT;
        }
        return in == EncryptionPolicy.PLAINTEXT ? null : CryptoMethod.RC4;
    }

    @ParameterizedTest(name = "outbound {0}, inbound {1}")
    @MethodSource("policyPairs")
    void initiatorAgainstResponder(EncryptionPolicy outPolicy, EncryptionPolicy inPolicy) {
        for (InfoHash torrent : List.of(HandshakeTest.V1, HandshakeTest.V2, HandshakeTest.HYBRID)) {
            for (long seed = 0; seed < 3; seed++) {
                run(outPolicy, inPolicy, torrent, seed, Wire.Feed.RANDOM_SPLITS);
            }
        }
    }

    /** The whole pipeline, both ends, with every byte fed whole, one at a time, or in random splits. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Wire.Feed.class)
    void everyWayOfCuttingTheStreamGivesTheSameMessages(Wire.Feed feed) {
        run(EncryptionPolicy.PREFER, EncryptionPolicy.PREFER, HandshakeTest.HYBRID, 11, feed);
        run(EncryptionPolicy.PLAINTEXT, EncryptionPolicy.PREFER, HandshakeTest.V2, 12, feed);
        run(EncryptionPolicy.PLAINTEXT, EncryptionPolicy.PLAINTEXT, HandshakeTest.V1, 13, feed);
    }

    private void run(EncryptionPolicy outPolicy, EncryptionPolicy inPolicy, InfoHash torrent, long seed, Wire.Feed feed) {
        TorrentIndex index = new TorrentIndex();
        index.add(HandshakeTest.V1);
        index.add(HandshakeTest.V2);
        index.add(HandshakeTest.HYBRID);
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        EmbeddedChannel a = new EmbeddedChannel();
        EmbeddedChannel b = new EmbeddedChannel();
        PeerWire.outbound(a, torrent, WireOptions.of(ALICE, seeded(seed)).withEncryption(outPolicy), alice);
        PeerWire.inbound(b, index, WireOptions.of(BOB, seeded(seed + 100)).withEncryption(inPolicy), bob);
        ChannelPair pair = new ChannelPair(a, b, feed, new Random(seed));
        pair.pump();
        CryptoMethod method = expected(outPolicy, inPolicy);
        String header = "BitTorrent protocol";
        try {
            if (method == null) {
                assertFalse(a.isOpen() || b.isOpen(), "a refused connection is closed on both ends");
                assertTrue(alice.messages(Handshake.class).isEmpty() || bob.messages(Handshake.class).isEmpty());
                Throwable refusal = bob.errors.isEmpty() ? alice.errors.get(0) : bob.errors.get(0);
                assertInstanceOf(WireException.class, refusal);
                if (inPolicy == EncryptionPolicy.REQUIRE) {
                    assertInstanceOf(EncryptionException.class, refusal);
                }
                return;
            }
            assertEquals(List.of(), alice.errors);
            assertEquals(List.of(), bob.errors);
            assertEquals(1, alice.messages(Handshake.class).size(), outPolicy + "/" + inPolicy + " " + torrent + " alice: " + alice.messages + alice.events + " bob: " + bob.messages + bob.events);
            Handshake atAlice = alice.messages(Handshake.class).get(0);
            Handshake atBob = bob.messages(Handshake.class).get(0);
            assertEquals(BOB, atAlice.peerId());
            assertEquals(ALICE, atBob.peerId());
            assertEquals(torrent, atBob.infoHash());
            assertEquals(torrent, atAlice.infoHash());
            assertTrue(atBob.reserved().extensionProtocol() && atBob.reserved().fast());
            if (inPolicy != EncryptionPolicy.PLAINTEXT) {
                EncryptionEstablished e = (EncryptionEstablished) bob.events.get(0);
                assertEquals(method, e.method());
                assertEquals(outPolicy != EncryptionPolicy.PLAINTEXT, e.encrypted());
            }
            if (outPolicy != EncryptionPolicy.PLAINTEXT) {
                assertEquals(method, ((EncryptionEstablished) alice.events.get(0)).method());
            }
            // the pipeline is down to the message codec and the caller
            for (EmbeddedChannel ch : List.of(a, b)) {
                assertNull(ch.pipeline().get(PeerWire.HANDSHAKE_DECODER));
                assertNull(ch.pipeline().get(PeerWire.HANDSHAKE_ENCODER));
                assertNull(ch.pipeline().get(PeerWire.HANDSHAKE_EXCHANGE));
                assertEquals(method == CryptoMethod.RC4, ch.pipeline().get(PeerWire.MSE) != null);
            }
            // a bitfield each way, and a 16 KiB block
            byte[] block = new byte[16 * 1024];
            new Random(seed).nextBytes(block);
            a.writeAndFlush(new PeerMessage.Bitfield(new byte[] {(byte) 0xF0}));
            b.writeAndFlush(new PeerMessage.Bitfield(new byte[] {(byte) 0x0F}));
            b.writeAndFlush(new PeerMessage.Piece(3, 0, Unpooled.wrappedBuffer(block)));
            pair.pump();
            assertEquals(List.of(new PeerMessage.Bitfield(new byte[] {(byte) 0x0F})), alice.messages(PeerMessage.Bitfield.class));
            assertEquals(List.of(new PeerMessage.Bitfield(new byte[] {(byte) 0xF0})), bob.messages(PeerMessage.Bitfield.class));
            PeerMessage.Piece got = alice.messages(PeerMessage.Piece.class).get(0);
            assertEquals(Unpooled.wrappedBuffer(block), got.block());
            boolean plainOnWire = ByteBufUtil.indexOf(Unpooled.wrappedBuffer(header.getBytes(StandardCharsets.US_ASCII)),
                    pair.wireBtoA) >= 0;
            assertEquals(method == CryptoMethod.PLAINTEXT, plainOnWire, "the handshake is readable on the wire only in plaintext");
        } finally {
            alice.release();
            bob.release();
            pair.close();
        }
    }

    /** BEP 52 upgrade: the dialler names a hybrid torrent by its v1 hash with the bit; the reply is in v2. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(EncryptionPolicy.class)
    void aHybridConnectionIsUpgradedToV2WhenBothSidesSetTheBit(EncryptionPolicy policy) {
        for (boolean bobUpgrades : new boolean[] {true, false}) {
            Recorder alice = new Recorder();
            Recorder bob = new Recorder();
            EmbeddedChannel a = new EmbeddedChannel();
            EmbeddedChannel b = new EmbeddedChannel();
            WireOptions aliceOptions = WireOptions.of(ALICE, seeded(5)).withEncryption(policy);
            WireOptions bobOptions = WireOptions.of(BOB, seeded(6)).withEncryption(policy);
            aliceOptions = aliceOptions.withReserved(aliceOptions.reserved().with(Reserved.V2_UPGRADE, true));
            if (bobUpgrades) {
                bobOptions = bobOptions.withReserved(bobOptions.reserved().with(Reserved.V2_UPGRADE, true));
            }
            PeerWire.outbound(a, HandshakeTest.HYBRID, aliceOptions, alice);
            PeerWire.inbound(b, TorrentLookup.only(HandshakeTest.HYBRID), bobOptions, bob);
            ChannelPair pair = new ChannelPair(a, b, new Random(7));
            pair.pump();
            try {
                Handshake atBob = bob.messages(Handshake.class).get(0);
                Handshake atAlice = alice.messages(Handshake.class).get(0);
                assertFalse(atBob.truncatedV2(), "alice dials with the v1 hash");
                assertTrue(atBob.reserved().v2Upgrade());
                assertEquals(bobUpgrades, atBob.upgradesToV2(bobOptions.reserved()));
                assertEquals(bobUpgrades, atAlice.truncatedV2(), "bob's reply names the torrent by its v2 hash");
            } finally {
                alice.release();
                bob.release();
                pair.close();
            }
        }
    }

    @Test
    void aBreachClosesThatConnectionOnly() {
        Recorder good = new Recorder();
        Recorder bad = new Recorder();
        EmbeddedChannel g = new EmbeddedChannel();
        EmbeddedChannel x = new EmbeddedChannel();
        WireOptions plain = WireOptions.of(BOB, seeded(1)).withEncryption(EncryptionPolicy.PLAINTEXT);
        PeerWire.inbound(g, TorrentLookup.only(HandshakeTest.V1), plain, good);
        PeerWire.inbound(x, TorrentLookup.only(HandshakeTest.V1), plain, bad);
        byte[] hs = Wire.hex(HandshakeTest.GOLDEN);
        g.writeInbound(Unpooled.wrappedBuffer(hs));
        x.writeInbound(Unpooled.wrappedBuffer(hs));
        x.writeInbound(Unpooled.wrappedBuffer(Wire.hex("00200000 05")));
        g.writeInbound(Unpooled.wrappedBuffer(Wire.hex("00000005 04 00000001")));
        assertFalse(x.isOpen());
        assertTrue(bad.inactive);
        assertInstanceOf(LimitExceededException.class, bad.errors.get(0));
        assertEquals(1, bad.errors.size(), "reported once");
        assertTrue(g.isOpen());
        assertEquals(new PeerMessage.Have(1), good.messages.get(1));
        good.release();
        bad.release();
        g.finishAndReleaseAll();
        x.finishAndReleaseAll();
    }

    /** The torrent named by MSE/PE's SKEY and the one named by the handshake inside must be the same. */
    @Test
    void aHandshakeForAnotherTorrentThanTheEncryptedOneIsRefused() {
        Recorder alice = new Recorder();
        Recorder bob = new Recorder();
        EmbeddedChannel a = new EmbeddedChannel(new dev.torrpedo.wire.mse.MseInitiatorHandler(HandshakeTest.V1,
                EncryptionPolicy.REQUIRE, seeded(1)), new HandshakeEncoder(), alice);
        EmbeddedChannel b = new EmbeddedChannel();
        PeerWire.inbound(b, TorrentLookup.of(List.of(HandshakeTest.V1, HandshakeTest.V2)),
                WireOptions.of(BOB, seeded(2)).withEncryption(EncryptionPolicy.REQUIRE), bob);
        a.writeAndFlush(Handshake.of(Reserved.NONE, HandshakeTest.V2, ALICE));
        ChannelPair pair = new ChannelPair(a, b, new Random(3));
        pair.pump();
        assertEquals(HandshakeTest.V1, ((EncryptionEstablished) bob.events.get(0)).infoHash());
        HandshakeException e = assertInstanceOf(HandshakeException.class, bob.errors.get(0));
        assertEquals("info_hash", e.field());
        assertFalse(b.isOpen());
        alice.release();
        bob.release();
        pair.close();
    }
}
