package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class InfoHashTest {
    private static final byte[] INFO = "d6:lengthi1e4:name1:a12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaae"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void hashesTheRawInfoBytes() throws Exception {
        InfoHash h = InfoHash.ofInfo(ByteBuffer.wrap(INFO), true, true);
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-1").digest(INFO), h.v1());
        assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(INFO), h.v2());
        assertTrue(h.isHybrid());
        assertArrayEquals(h.v1(), h.wire());
        assertTrue(h.matchesWire(h.v1()));
        assertTrue(h.matchesWire(h.truncatedV2()));
        assertFalse(h.matchesWire(new byte[20]));
    }

    @Test
    void v2OnlyUsesTheTruncatedHashOnTheWire() {
        byte[] sha256 = new byte[32];
        Arrays.fill(sha256, (byte) 7);
        InfoHash h = InfoHash.v2(sha256);
        assertFalse(h.hasV1());
        assertArrayEquals(Arrays.copyOf(sha256, 20), h.wire());
        assertEquals("07".repeat(32), h.id());
        assertThrows(IllegalStateException.class, h::v1);
    }

    @Test
    void hexRoundTripAndEquality() {
        String hex = "0123456789abcdef0123456789abcdef01234567";
        InfoHash h = InfoHash.parseHex(hex.toUpperCase());
        assertEquals(hex, h.id());
        assertEquals(InfoHash.v1(HexFormat.of().parseHex(hex)), h);
        assertEquals(InfoHash.v1(HexFormat.of().parseHex(hex)).hashCode(), h.hashCode());
        assertNotEquals(InfoHash.hybrid(h.v1(), new byte[32]), h);
        assertThrows(IllegalArgumentException.class, () -> InfoHash.parseHex("abc"));
        assertThrows(IllegalArgumentException.class, () -> InfoHash.parseHex("zz".repeat(20)));
        assertThrows(IllegalArgumentException.class, () -> InfoHash.v1(new byte[19]));
    }

    @Test
    void copiesDefensively() {
        byte[] b = new byte[20];
        InfoHash h = InfoHash.v1(b);
        b[0] = 1;
        h.v1()[1] = 1;
        assertArrayEquals(new byte[20], h.v1());
    }
}
