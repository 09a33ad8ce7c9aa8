package dev.torrpedo.tracker.internal;

import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** HTTP bodies: undoes {@code Content-Encoding} gzip or deflate, never past a size limit. */
final class Bodies {
    private Bodies() {
    }

    /**
     * @param raw      the body as received
     * @param encoding the {@code Content-Encoding} header, or {@code null}
     * @param maxBytes the largest decoded body allowed
     * @return the decoded body
     * @throws TrackerException TOO_LARGE past {@code maxBytes}, MALFORMED for a broken
     *                          stream, UNSUPPORTED for another encoding
     */
    static byte[] decode(byte[] raw, String encoding, int maxBytes) {
        String e = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        try {
            switch (e) {
                case "":
                case "identity":
                    return raw;
                case "gzip":
                case "x-gzip":
                    return readAll(new GZIPInputStream(new ByteArrayInputStream(raw)), maxBytes);
                case "deflate":
                    // RFC 9110 says zlib-wrapped; some servers send a raw deflate stream
                    boolean zlib = raw.length >= 2 && (raw[0] & 0x0f) == 8 && ((raw[0] & 0xff) << 8 | (raw[1] & 0xff)) % 31 == 0;
                    Inflater inflater = new Inflater(!zlib);
                    try {
                        return readAll(new InflaterInputStream(new ByteArrayInputStream(raw), inflater), maxBytes);
                    } finally {
                        inflater.end();
                    }
                default:
                    throw TrackerException.of(TrackerError.UNSUPPORTED, "Content-Encoding '" + encoding + "'");
            }
        } catch (IOException ex) {
            throw new TrackerException(TrackerError.MALFORMED, null, "Content-Encoding", -1,
                    "broken " + e + " body: " + ex.getMessage(), ex);
        }
    }

    private static byte[] readAll(InputStream in, int maxBytes) throws IOException {
        try (in) {
            byte[] out = new byte[Math.min(maxBytes + 1, 8192)];
            int n = 0;
            while (true) {
                if (n == out.length) {
                    if (n > maxBytes) {
                        throw new TrackerException(TrackerError.TOO_LARGE, null, null, maxBytes,
                                "decompressed body over " + maxBytes + " bytes", null);
                    }
                    out = Arrays.copyOf(out, Math.min(maxBytes + 1, out.length * 2));
                }
                int r = in.read(out, n, out.length - n);
                if (r < 0) {
                    return Arrays.copyOf(out, n);
                }
                n += r;
            }
        }
    }
}
