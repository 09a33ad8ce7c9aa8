package dev.torrpedo.wire.mse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.wire.ChannelPair;
import dev.torrpedo.wire.Recorder;
import dev.torrpedo.wire.TorrentLookup;
import dev.torrpedo.wire.Wire;
import dev.torrpedo.wire.internal.Rc4;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The MSE/PE handlers alone: the payload crosses both ways, and every kind of bad handshake is refused. */
class MseTest {
    static final InfoHash TORRENT = InfoHash.v1(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20});
    static final InfoHash OTHER = InfoHash.v2(new byte[32]);

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static EmbeddedChannel initiator(EncryptionPolicy policy, Recorder app, long seed) {
        return new EmbeddedChannel(new MseInitiatorHandler(TORRENT, policy, seeded(seed)), app);
    }

    private static EmbeddedChannel responder(EncryptionPolicy policy, TorrentLookup lookup, Recorder app, long seed) {
        return new EmbeddedChannel(new MseResponderHandler(lookup, policy, seeded(seed)), app);
    }

    /** Data written before and after the handshake crosses intact, fed whole, byte by byte, or in random splits. */
    @ParameterizedTest
    @EnumSource(Wire.Feed.class)
    void payloadCrossesBothWays(Wire.Feed feed) {
        for (EncryptionPolicy policy : List.of(EncryptionPolicy.PREFER, EncryptionPolicy.REQUIRE)) {
            Recorder ra = new Recorder();
            Recorder rb = new Recorder();
            EmbeddedChannel a = initiator(policy, ra, 1);
            EmbeddedChannel b = responder(EncryptionPolicy.PREFER, TorrentLookup.of(List.of(OTHER, TORRENT)), rb, 2);
            a.writeAndFlush(Unpooled.copiedBuffer("first, as IA", StandardCharsets.US_ASCII));
            a.writeAndFlush(Unpooled.copiedBuffer(" then queued", StandardCharsets.US_ASCII));
            ChannelPair pair = new ChannelPair(a, b, feed, new Random(7));
            pair.pump();
            b.writeAndFlush(Unpooled.copiedBuffer("reply", StandardCharsets.US_ASCII));
            a.writeAndFlush(Unpooled.copiedBuffer(" and more", StandardCharsets.US_ASCII));
            pair.pump();
            assertEquals("first, as IA then queued and more", text(rb.messages));
            assertEquals("reply", text(ra.messages));
            assertEquals(new EncryptionEstablished(CryptoMethod.RC4, true, TORRENT), rb.events.get(0));
            assertEquals(new EncryptionEstablished(CryptoMethod.RC4, true, TORRENT), ra.events.get(0));
            assertEquals(-1, io.netty.buffer.ByteBufUtil.indexOf(Unpooled.copiedBuffer("more", StandardCharsets.US_ASCII),
                    pair.wireAtoB), "nothing in the clear");
            ra.release();
            rb.release();
            pair.close();
        }
    }

    private static EncryptionException refusal(Recorder app) {
        assertEquals(1, app.errors.size(), "one refusal: " + app.errors);
        return assertInstanceOf(EncryptionException.class, app.errors.get(0));
    }

    private static String text(List<Object> buffers) {
        StringBuilder sb = new StringBuilder();
        for (Object o : buffers) {
            sb.append(((ByteBuf) o).toString(StandardCharsets.US_ASCII));
        }
        return sb.toString();
    }

    @Test
    void aPlainHandshakeIsRefusedWhenEncryptionIsRequired() {
        Recorder app = new Recorder();
        EmbeddedChannel b = responder(EncryptionPolicy.REQUIRE, TorrentLookup.only(TORRENT), app, 1);
        byte[] plain = new byte[68];
        plain[0] = 19;
        System.arraycopy("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII), 0, plain, 1, 19);
        b.writeInbound(Unpooled.wrappedBuffer(plain));
        assertEquals("handshake", refusal(app).field());
        assertTrue(b.outboundMessages().isEmpty(), "nothing was sent back");
        b.finishAndReleaseAll();
    }

    @Test
    void aPlainHandshakeIsLetThroughUntouchedWhenEncryptionIsPreferred() {
        Recorder app = new Recorder();
        EmbeddedChannel b = responder(EncryptionPolicy.PREFER, TorrentLookup.only(TORRENT), app, 1);
        byte[] plain = new byte[68];
        plain[0] = 19;
        System.arraycopy("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII), 0, plain, 1, 19);
        List<ByteBuf> fed = Wire.feed(b, plain, Wire.Feed.BYTE_BY_BYTE, new Random(1));
        assertEquals(new EncryptionEstablished(CryptoMethod.PLAINTEXT, false, null), app.events.get(0));
        ByteBuf all = Unpooled.buffer();
        app.messages.forEach(m -> all.writeBytes((ByteBuf) m));
        assertEquals(Wire.hex(plain), Wire.hex(Wire.bytes(all)));
        all.release();
        assertTrue(b.pipeline().get(MseResponderHandler.class) == null, "the handler left");
        app.release();
        assertFalse(b.finish());
        Wire.assertReleased(fed);
    }

    @Test
    void noSynchronisationWithin512Plus20BytesIsRefused() {
        Recorder app = new Recorder();
        EmbeddedChannel b = responder(EncryptionPolicy.PREFER, TorrentLookup.only(TORRENT), app, 1);
        byte[] ya = new byte[96];
        ya[95] = 5; // a valid public key
        b.writeInbound(Unpooled.wrappedBuffer(ya));
        int yb = Wire.outboundBytes(b).length;
        assertTrue(yb >= 96 && yb <= 96 + 512, "Yb and at most 512 bytes of padding: " + yb);
        b.writeInbound(Unpooled.wrappedBuffer(new byte[531]));
        assertTrue(app.errors.isEmpty(), "531 bytes may still hold the hash");
        b.writeInbound(Unpooled.wrappedBuffer(new byte[1]));
        EncryptionException e = refusal(app);
        assertTrue(e.getMessage().contains("532"), e.getMessage());
        b.finishAndReleaseAll();
    }

    @Test
    void anInvalidPublicKeyIsRefused() {
        for (byte[] key : List.of(new byte[96], one(), pMinusOne())) {
            Recorder app = new Recorder();
            EmbeddedChannel b = responder(EncryptionPolicy.PREFER, TorrentLookup.only(TORRENT), app, 1);
            b.writeInbound(Unpooled.wrappedBuffer(key));
            assertEquals("public key", refusal(app).field());
            b.finishAndReleaseAll();
        }
    }

    private static byte[] one() {
        byte[] b = new byte[96];
        b[95] = 1;
        return b;
    }

    private static byte[] pMinusOne() {
        byte[] p = dev.torrpedo.wire.internal.MseDiffieHellman.P.subtract(java.math.BigInteger.ONE).toByteArray();
        return Arrays.copyOfRange(p, p.length - 96, p.length);
    }

    @Test
    void anUnknownTorrentIsRefused() {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        EmbeddedChannel a = initiator(EncryptionPolicy.REQUIRE, ra, 1);
        EmbeddedChannel b = responder(EncryptionPolicy.REQUIRE, TorrentLookup.only(OTHER), rb, 2);
        a.writeAndFlush(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
        ChannelPair pair = new ChannelPair(a, b, new Random(1));
        pair.pump();
        assertEquals("HASH('req2', SKEY)", refusal(rb).field());
        assertTrue(rb.events.isEmpty());
        pair.close();
    }

    @Test
    void aResponderThatNeverSendsTheVerificationConstantIsRefused() {
        Recorder ra = new Recorder();
        EmbeddedChannel a = initiator(EncryptionPolicy.PREFER, ra, 1);
        Wire.outboundBytes(a);
        byte[] yb = new byte[96];
        yb[95] = 7;
        a.writeInbound(Unpooled.wrappedBuffer(yb));
        Wire.outboundBytes(a);
        a.writeInbound(Unpooled.wrappedBuffer(new byte[520]));
        assertEquals("VC", refusal(ra).field());
        assertTrue(ra.events.isEmpty());
        a.finishAndReleaseAll();
    }

    @Test
    void pendingWritesFailWhenTheConnectionClosesDuringTheHandshake() {
        Recorder ra = new Recorder();
        EmbeddedChannel a = initiator(EncryptionPolicy.REQUIRE, ra, 1);
        ByteBuf data = Unpooled.copiedBuffer("never sent", StandardCharsets.US_ASCII);
        var future = a.writeAndFlush(data);
        a.close();
        assertFalse(future.isSuccess());
        assertInstanceOf(EncryptionException.class, future.cause());
        assertEquals(0, data.refCnt());
        a.finishAndReleaseAll();
    }

    /** Our RC4 (Bouncy Castle, 1024 bytes dropped) gives the JDK's ARCFOUR keystream after the same drop. */
    @Test
    void rc4MatchesTheJdkAfterTheDiscard() throws Exception {
        byte[] key = "a twenty byte key!!!".getBytes(StandardCharsets.US_ASCII);
        Cipher jdk = Cipher.getInstance("ARCFOUR");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        jdk.update(new byte[Rc4.DISCARD]);
        byte[] data = new byte[5000];
        new Random(3).nextBytes(data);
        byte[] expected = jdk.update(data);
        Rc4 ours = new Rc4(key);
        ByteBuf direct = Unpooled.directBuffer().writeBytes(data);
        ours.processInPlace(direct, 0, 2000);
        ByteBuf heap = Unpooled.buffer();
        ByteBuf rest = direct.slice(2000, 3000).copy();
        ours.process(rest, heap);
        rest.release();
        byte[] got = new byte[5000];
        direct.getBytes(0, got, 0, 2000);
        heap.getBytes(0, got, 2000, 3000);
        assertEquals(Wire.hex(expected), Wire.hex(got));
        direct.release();
        heap.release();
    }

    /** The plaintext selection, both ways: the IA still travels encrypted, then both handlers leave. */
    @ParameterizedTest
    @EnumSource(Wire.Feed.class)
    void plaintextSelectedRemovesBothHandlers(Wire.Feed feed) {
        for (int variant = 0; variant < 2; variant++) {
            Recorder ra = new Recorder();
            Recorder rb = new Recorder();
            // variant 0: we offer both and the responder prefers plaintext (libtorrent's default);
            // variant 1: an initiator that offers plaintext only
            EmbeddedChannel a = new EmbeddedChannel(variant == 0
                    ? new MseInitiatorHandler(TORRENT, EncryptionPolicy.PREFER, seeded(3))
                    : new MseInitiatorHandler(TORRENT, EncryptionPolicy.PREFER, seeded(3), CryptoMethod.PLAINTEXT.bit()), ra);
            EmbeddedChannel b = new EmbeddedChannel(new MseResponderHandler(TorrentLookup.only(TORRENT),
                    EncryptionPolicy.PREFER, seeded(4), variant == 0), rb);
            a.writeAndFlush(Unpooled.copiedBuffer("secret IA", StandardCharsets.US_ASCII));
            ChannelPair pair = new ChannelPair(a, b, feed, new Random(variant));
            pair.pump();
            a.writeAndFlush(Unpooled.copiedBuffer(" plain-A", StandardCharsets.US_ASCII));
            b.writeAndFlush(Unpooled.copiedBuffer("plain-B", StandardCharsets.US_ASCII));
            pair.pump();
            assertEquals(new EncryptionEstablished(CryptoMethod.PLAINTEXT, true, TORRENT), ra.events.get(0));
            assertEquals(new EncryptionEstablished(CryptoMethod.PLAINTEXT, true, TORRENT), rb.events.get(0));
            assertEquals("secret IA plain-A", text(rb.messages));
            assertEquals("plain-B", text(ra.messages));
            assertTrue(a.pipeline().get(MseInitiatorHandler.class) == null && b.pipeline().get(MseResponderHandler.class) == null);
            assertEquals(-1, io.netty.buffer.ByteBufUtil.indexOf(Unpooled.copiedBuffer("secret", StandardCharsets.US_ASCII),
                    pair.wireAtoB), "the IA is encrypted even when plaintext follows");
            assertTrue(io.netty.buffer.ByteBufUtil.indexOf(Unpooled.copiedBuffer("plain-A", StandardCharsets.US_ASCII),
                    pair.wireAtoB) >= 0);
            ra.release();
            rb.release();
            pair.close();
        }
    }

    @Test
    void anInitiatorOfferingOnlyPlaintextIsRefusedWhenEncryptionIsRequired() {
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        EmbeddedChannel a = new EmbeddedChannel(new MseInitiatorHandler(TORRENT, EncryptionPolicy.PREFER, seeded(3),
                CryptoMethod.PLAINTEXT.bit()), ra);
        EmbeddedChannel b = responder(EncryptionPolicy.REQUIRE, TorrentLookup.only(TORRENT), rb, 4);
        ChannelPair pair = new ChannelPair(a, b, new Random(1));
        pair.pump();
        assertEquals("crypto_provide", refusal(rb).field());
        pair.close();
    }
}
