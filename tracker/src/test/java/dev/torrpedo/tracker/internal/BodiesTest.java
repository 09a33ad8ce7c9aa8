package dev.torrpedo.tracker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodiesTest {
    private static final byte[] BODY = "d8:intervali1800e5:peers0:e".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean nowrap) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater d = new Deflater(9, nowrap);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, d)) {
            z.write(data);
        } finally {
            d.end();
        }
        return out.toByteArray();
    }

    @Test
    void identityGzipAndBothDeflates() throws IOException {
        assertArrayEquals(BODY, Bodies.decode(BODY, null, 100));
        assertArrayEquals(BODY, Bodies.decode(BODY, "identity", 100));
        assertArrayEquals(BODY, Bodies.decode(gzip(BODY), "gzip", 100));
        assertArrayEquals(BODY, Bodies.decode(gzip(BODY), " X-GZIP ", 100));
        assertArrayEquals(BODY, Bodies.decode(deflate(BODY, false), "deflate", 100));
        assertArrayEquals(BODY, Bodies.decode(deflate(BODY, true), "deflate", 100));
    }

    @Test
    void aBombStopsAtTheLimitPlusOne() throws IOException {
        byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
        TrackerException e = assertThrows(TrackerException.class, () -> Bodies.decode(bomb, "gzip", 1 << 20));
        assertEquals(TrackerError.TOO_LARGE, e.error());
        assertEquals(BODY.length, Bodies.decode(gzip(BODY), "gzip", BODY.length).length, "exactly the limit is fine");
    }

    @Test
    void brokenStreamsAndUnknownEncodings() throws IOException {
        byte[] g = gzip(BODY);
        byte[] cut = java.util.Arrays.copyOf(g, g.length - 6);
        assertEquals(TrackerError.MALFORMED, assertThrows(TrackerException.class, () -> Bodies.decode(cut, "gzip", 100)).error());
        assertEquals(TrackerError.MALFORMED, assertThrows(TrackerException.class, () -> Bodies.decode(BODY, "gzip", 100)).error());
        assertEquals(TrackerError.UNSUPPORTED, assertThrows(TrackerException.class, () -> Bodies.decode(BODY, "br", 100)).error());
    }
}
