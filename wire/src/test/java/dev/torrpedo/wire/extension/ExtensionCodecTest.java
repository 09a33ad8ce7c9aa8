package dev.torrpedo.wire.extension;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.wire.LimitExceededException;
import dev.torrpedo.wire.MalformedMessageException;
import dev.torrpedo.wire.PeerMessage;
import dev.torrpedo.wire.Wire;
import dev.torrpedo.wire.WireLimits;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionCodecTest {
    private static final WireLimits LIMITS = WireLimits.DEFAULT;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void golden(ExtensionMessage m, byte[] bytes) {
        assertEquals(Wire.hex(bytes), Wire.hex(ExtensionCodec.encode(m)), m.toString());
        assertEquals(Optional.of(m), ExtensionCodec.decode(m.name(), bytes, LIMITS));
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void extendedHandshakeGolden() {
        ExtendedHandshake h = ExtendedHandshake.of(Map.of("ut_metadata", 2, "ut_pex", 1)).withPort(6881)
                .withClient("Torrpedo 0.1").withYourIp(ip("127.0.0.1")).withRequestQueue(500)
                .withMetadataSize(31235).withUploadOnly(true);
        golden(h, ascii("d1:md11:ut_metadatai2e6:ut_pexi1ee13:metadata_sizei31235e1:pi6881e4:reqqi500e"
                + "11:upload_onlyi1e1:v12:Torrpedo 0.16:yourip4:\u007f\u0000\u0000\u0001e"));
    }

    /** BEP 10's own example, which also carries a key with a non-ASCII name and keys out of order. */
    @Test
    void extendedHandshakeFromBep10IsReadLeniently() {
        byte[] bep10 = concat(ascii("d1:pi6881e1:md11:LT_metadatai1e7:"), "µT_PEX".getBytes(StandardCharsets.UTF_8),
                ascii("i2ee1:v"), ascii(Integer.toString("µTorrent 1.2".getBytes(StandardCharsets.UTF_8).length)),
                ascii(":"), "µTorrent 1.2".getBytes(StandardCharsets.UTF_8), ascii("e"));
        ExtendedHandshake h = ExtensionCodec.decodeHandshake(bep10, LIMITS);
        assertEquals(Map.of("LT_metadata", 1, "µT_PEX", 2), h.extensions());
        assertEquals(6881, h.port().getAsInt());
        assertEquals("µTorrent 1.2", h.client().orElseThrow());
    }

    @Test
    void extendedHandshakeIgnoresBadOptionalFieldsButNotABadM() {
        ExtendedHandshake h = ExtensionCodec.decodeHandshake(
                ascii("d1:md1:ai300e1:bi3e1:c1:xe1:pi0e4:reqqi-1e6:yourip3:abce"), LIMITS);
        assertEquals(Map.of("b", 3), h.extensions());
        assertTrue(h.port().isEmpty() && h.requestQueue().isEmpty() && h.yourIp().isEmpty());
        assertThrows(MalformedMessageException.class, () -> ExtensionCodec.decodeHandshake(ascii("d1:mi1ee"), LIMITS));
        assertThrows(MalformedMessageException.class, () -> ExtensionCodec.decodeHandshake(ascii("li1ee"), LIMITS));
        assertThrows(MalformedMessageException.class, () -> ExtensionCodec.decodeHandshake(ascii("d1:md"), LIMITS));
        assertEquals(LIMITS.maxMetadataSize() + 1L, assertThrows(LimitExceededException.class,
                () -> ExtensionCodec.decodeHandshake(ascii("d13:metadata_sizei" + (LIMITS.maxMetadataSize() + 1) + "ee"),
                        LIMITS)).value());
        byte[] huge = new byte[LIMITS.maxExtendedHandshake() + 1];
        assertThrows(LimitExceededException.class, () -> ExtensionCodec.decodeHandshake(huge, LIMITS));
    }

    /** The three message forms of BEP 9, with its example total_size. */
    @Test
    void utMetadataGolden() {
        golden(new MetadataRequest(0), ascii("d8:msg_typei0e5:piecei0ee"));
        golden(new MetadataReject(0), ascii("d8:msg_typei2e5:piecei0ee"));
        byte[] data = new byte[16384];
        Arrays.fill(data, (byte) 'x');
        golden(new MetadataData(0, 34256, data), concat(ascii("d8:msg_typei1e5:piecei0e10:total_sizei34256ee"), data));
        byte[] last = new byte[34256 - 2 * 16384];
        golden(new MetadataData(2, 34256, last), concat(ascii("d8:msg_typei1e5:piecei2e10:total_sizei34256ee"), last));
    }

    @Test
    void utMetadataChecksSizesAndIgnoresUnknownTypes() {
        assertEquals(Optional.empty(), ExtensionCodec.decode("ut_metadata", ascii("d8:msg_typei9e5:piecei0ee"), LIMITS));
        assertThrows(MalformedMessageException.class,
                () -> ExtensionCodec.decode("ut_metadata", ascii("d8:msg_typei1e5:piecei0e10:total_sizei100ee12345"), LIMITS));
        assertThrows(MalformedMessageException.class,
                () -> ExtensionCodec.decode("ut_metadata", ascii("d8:msg_typei1e5:piecei1e10:total_sizei100ee"), LIMITS));
        assertThrows(MalformedMessageException.class,
                () -> ExtensionCodec.decode("ut_metadata", ascii("d8:msg_typei0e5:piecei0eexx"), LIMITS));
        assertThrows(MalformedMessageException.class,
                () -> ExtensionCodec.decode("ut_metadata", ascii("d8:msg_typei0ee"), LIMITS));
        assertThrows(LimitExceededException.class, () -> ExtensionCodec.decode("ut_metadata",
                ascii("d8:msg_typei1e5:piecei0e10:total_sizei" + (31L << 20) + "ee"), LIMITS));
        byte[] big = concat(ascii("d8:msg_typei1e5:piecei0e10:total_sizei99999ee"), new byte[17 * 1024]);
        assertEquals("ut_metadata length", assertThrows(LimitExceededException.class,
                () -> ExtensionCodec.decode("ut_metadata", big, LIMITS)).field());
    }

    @Test
    void utPexGolden() {
        Pex pex = new Pex(
                List.of(new PexPeer(new InetSocketAddress(ip("1.2.3.4"), 6881), PexPeer.SEED | PexPeer.REACHABLE),
                        new PexPeer(new InetSocketAddress(ip("2001:db8::1"), 51413), PexPeer.PREFERS_ENCRYPTION)),
                List.of(new PexPeer(new InetSocketAddress(ip("5.6.7.8"), 80), 0),
                        new PexPeer(new InetSocketAddress(ip("::2"), 443), 0)));
        byte[] v6 = Wire.hex("20010db8000000000000000000000001");
        byte[] v6b = Wire.hex("00000000000000000000000000000002");
        golden(pex, concat(ascii("d5:added6:"), Wire.hex("01020304 1ae1"), ascii("7:added.f1:"), new byte[] {0x12},
                ascii("6:added618:"), v6, Wire.hex("c8d5"), ascii("8:added6.f1:"), new byte[] {0x01},
                ascii("7:dropped6:"), Wire.hex("05060708 0050"), ascii("8:dropped618:"), v6b, Wire.hex("01bb"), ascii("e")));
        assertTrue(pex.added().get(0).has(PexPeer.SEED));
    }

    @Test
    void utPexChecksLengthsAndToleratesMissingFlags() {
        Pex p = (Pex) ExtensionCodec.decode("ut_pex", concat(ascii("d5:added12:"), Wire.hex("01020304 1ae1 05060708 0050"),
                ascii("7:added.f1:"), new byte[] {2}, ascii("e")), LIMITS).orElseThrow();
        assertEquals(2, p.added().get(0).flags());
        assertEquals(0, p.added().get(1).flags());
        assertThrows(MalformedMessageException.class,
                () -> ExtensionCodec.decode("ut_pex", concat(ascii("d5:added5:"), new byte[5], ascii("e")), LIMITS));
        assertThrows(MalformedMessageException.class,
                () -> ExtensionCodec.decode("ut_pex", concat(ascii("d6:added67:"), new byte[7], ascii("e")), LIMITS));
        byte[] big = new byte[500 * 1024 + 1];
        assertThrows(LimitExceededException.class, () -> ExtensionCodec.decode("ut_pex", big, LIMITS));
    }

    @Test
    void binaryExtensionsGolden() throws Exception {
        golden(new DontHave(7), Wire.hex("00000007"));
        golden(new UploadOnly(true), Wire.hex("01"));
        golden(new UploadOnly(false), Wire.hex("00"));
        golden(new Holepunch(Holepunch.Type.CONNECT, new InetSocketAddress(ip("1.2.3.4"), 6881), 0),
                Wire.hex("01 00 01020304 1ae1 00000000"));
        golden(new Holepunch(Holepunch.Type.ERROR, new InetSocketAddress(ip("::1"), 80), Holepunch.E_NOT_CONNECTED),
                Wire.hex("02 01 00000000000000000000000000000001 0050 00000002"));
        golden(new Holepunch(Holepunch.Type.RENDEZVOUS, new InetSocketAddress(ip("10.0.0.1"), 1), 0),
                Wire.hex("00 00 0a000001 0001 00000000"));
        for (String bad : List.of("", "03 00 01020304 1ae1 00000000", "01 02 01020304 1ae1 00000000",
                "01 00 01020304 1ae1 000000", "01 01 01020304 1ae1 00000000")) {
            assertThrows(MalformedMessageException.class, () -> ExtensionCodec.decode("ut_holepunch", Wire.hex(bad), LIMITS), bad);
        }
        assertThrows(MalformedMessageException.class, () -> ExtensionCodec.decode("lt_donthave", Wire.hex("000007"), LIMITS));
        assertThrows(MalformedMessageException.class, () -> ExtensionCodec.decode("upload_only", new byte[0], LIMITS));
    }

    @Test
    void registryMapsNamesToLocalAndRemoteIds() {
        ExtensionRegistry r = ExtensionRegistry.defaults();
        assertEquals(2, r.localId("ut_metadata").getAsInt());
        assertEquals(Optional.of("ut_pex"), r.localName(1));
        assertTrue(r.remoteId("ut_metadata").isEmpty());
        ExtensionRegistry after = r.withRemote(Map.of("ut_metadata", 3, "lt_donthave", 9, "x_unknown", 4));
        assertEquals(3, after.remoteId("ut_metadata").getAsInt());
        assertTrue(after.bothSupport("lt_donthave"));
        assertTrue(!after.bothSupport("x_unknown") && !after.bothSupport("ut_pex"));
        ExtensionRegistry disabled = after.withRemote(Map.of("ut_metadata", 0));
        assertTrue(disabled.remoteId("ut_metadata").isEmpty());
        assertEquals(9, disabled.remoteId("lt_donthave").getAsInt());
        assertThrows(IllegalArgumentException.class, () -> ExtensionRegistry.of(Map.of("a", 1, "b", 1)));
        assertThrows(IllegalArgumentException.class, () -> ExtensionRegistry.of(Map.of("a", 0)));
    }

    @Test
    void toWireUsesTheRemoteIdAndFromWireTheLocalOne() {
        ExtensionRegistry r = ExtensionRegistry.defaults().withRemote(Map.of("lt_donthave", 9));
        PeerMessage.Extended out = ExtensionCodec.toWire(new DontHave(5), r);
        assertEquals(9, out.extendedId());
        assertArrayEquals(Wire.hex("00000005"), out.payload());
        assertThrows(IllegalStateException.class, () -> ExtensionCodec.toWire(new UploadOnly(true), r));
        PeerMessage.Extended in = new PeerMessage.Extended(7, Wire.hex("00000005"));
        assertEquals(Optional.of(new DontHave(5)), ExtensionCodec.fromWire(in, r, LIMITS));
        assertEquals("extended.id", assertThrows(MalformedMessageException.class,
                () -> ExtensionCodec.fromWire(new PeerMessage.Extended(9, new byte[4]), r, LIMITS)).field());
        PeerMessage.Extended hs = ExtensionCodec.toWire(ExtendedHandshake.of(r.local()), r);
        assertEquals(0, hs.extendedId());
        assertEquals(Optional.of(ExtendedHandshake.of(r.local())), ExtensionCodec.fromWire(hs, r, LIMITS));
    }
}
