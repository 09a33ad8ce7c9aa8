package dev.torrpedo.engine.internal.lsd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A local service discovery announce (BEP 14): an HTTP-like request sent to a multicast
 * group, naming the port we accept peers on and the torrents we are in.
 *
 * <pre>
 * BT-SEARCH * HTTP/1.1\r\n
 * Host: 239.192.152.143:6771\r\n
 * Port: 6881\r\n
 * Infohash: 0123456789abcdef0123456789abcdef01234567\r\n     (one or more)
 * cookie: 5f3a9c21\r\n                                      (optional)
 * \r\n
 * \r\n
 * </pre>
 *
 * Header names are matched without regard to case, unknown headers are ignored, lines may end
 * with a bare LF. {@link #parse} checks the datagram's size first ({@link #MAX_DATAGRAM}), and
 * at most {@link #MAX_HEADERS} headers and {@link #MAX_INFOHASHES} info-hashes are read.
 *
 * @param port       the TCP port peers connect to, 1..65535
 * @param infoHashes v1 info-hashes (or truncated v2), 40 lowercase hex digits each; at least one
 * @param cookie     an opaque value by which a client recognises its own announces; empty if none
 */
public record LsdAnnounce(int port, List<String> infoHashes, String cookie) {
    /** The largest datagram read (BEP 14 asks senders to stay under 1400 bytes). */
    public static final int MAX_DATAGRAM = 1400;
    /** The most header lines read. */
    public static final int MAX_HEADERS = 64;
    /** The most info-hashes in one announce. */
    public static final int MAX_INFOHASHES = 20;
    /** The longest cookie accepted. */
    public static final int MAX_COOKIE = 64;
    /** The IPv4 multicast group (org-local). */
    public static final String GROUP_V4 = "239.192.152.143";
    /** The port of the group. */
    public static final int PORT = 6771;

    private static final String REQUEST_LINE = "BT-SEARCH * HTTP/1.1";

    /** Checks every value. */
    public LsdAnnounce {
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        infoHashes = List.copyOf(infoHashes);
        if (infoHashes.isEmpty() || infoHashes.size() > MAX_INFOHASHES) {
            throw new IllegalArgumentException("infoHashes: " + infoHashes.size() + " (expected: 1.." + MAX_INFOHASHES + ")");
        }
        for (String h : infoHashes) {
            if (!isHash(h)) {
                throw new IllegalArgumentException("infoHash: " + h + " (expected: 40 lowercase hex digits)");
            }
        }
        Objects.requireNonNull(cookie, "cookie");
        if (cookie.length() > MAX_COOKIE || !cookie.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("cookie: " + cookie + " (expected: up to " + MAX_COOKIE
                    + " printable ASCII characters, no spaces)");
        }
    }

    private static boolean isHash(String h) {
        if (h.length() != 40) {
            return false;
        }
        for (int i = 0; i < 40; i++) {
            char c = h.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param host the {@code Host} header: the group and port the announce goes to, such as
     *             {@code 239.192.152.143:6771}
     * @return the datagram
     */
    public byte[] encode(String host) {
        StringBuilder sb = new StringBuilder(128 + 52 * infoHashes.size());
        sb.append(REQUEST_LINE).append("\r\n");
        sb.append("Host: ").append(host).append("\r\n");
        sb.append("Port: ").append(port).append("\r\n");
        for (String h : infoHashes) {
            sb.append("Infohash: ").append(h).append("\r\n");
        }
        if (!cookie.isEmpty()) {
            sb.append("cookie: ").append(cookie).append("\r\n");
        }
        sb.append("\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a datagram received on the group.
     *
     * @throws LsdFormatException naming the field and offset that failed
     */
    public static LsdAnnounce parse(byte[] datagram) {
        return parse(datagram, 0, datagram.length);
    }

    /**
     * Parses {@code length} bytes of {@code buf} from {@code from}.
     *
     * @throws LsdFormatException naming the field and offset that failed
     */
    public static LsdAnnounce parse(byte[] buf, int from, int length) {
        if (length > MAX_DATAGRAM) {
            throw new LsdFormatException("datagram", 0, length + " bytes (expected: <= " + MAX_DATAGRAM + ")");
        }
        Objects.checkFromIndexSize(from, length, buf.length);
        int end = from + length;
        int[] pos = {from};
        String requestLine = line(buf, pos, end, from, "request-line");
        if (requestLine == null || !requestLine.equals(REQUEST_LINE)) {
            throw new LsdFormatException("request-line", 0, "expected '" + REQUEST_LINE + "'");
        }
        int port = -1;
        String cookie = "";
        List<String> hashes = new ArrayList<>();
        for (int n = 0; ; n++) {
            int at = pos[0] - from;
            String header = line(buf, pos, end, from, "header");
            if (header == null || header.isEmpty()) {
                break; // the blank line ends the headers (a datagram may also just end)
            }
            if (n >= MAX_HEADERS) {
                throw new LsdFormatException("header", at, "more than " + MAX_HEADERS + " headers");
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new LsdFormatException("header", at, "no 'name: value'");
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "port":
                    port = port(value, at);
                    break;
                case "infohash":
                    if (hashes.size() >= MAX_INFOHASHES) {
                        throw new LsdFormatException("Infohash", at, "more than " + MAX_INFOHASHES + " info-hashes");
                    }
                    String h = value.toLowerCase(Locale.ROOT);
                    if (!isHash(h)) {
                        throw new LsdFormatException("Infohash", at, "'" + value + "' (expected: 40 hex digits)");
                    }
                    hashes.add(h);
                    break;
                case "cookie":
                    if (value.length() > MAX_COOKIE || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                        throw new LsdFormatException("cookie", at, "up to " + MAX_COOKIE
                                + " printable characters expected");
                    }
                    cookie = value;
                    break;
                default:
                    break; // Host and anything else: ignored, as BEP 14 asks
            }
        }
        if (port < 0) {
            throw new LsdFormatException("Port", pos[0] - from, "missing");
        }
        if (hashes.isEmpty()) {
            throw new LsdFormatException("Infohash", pos[0] - from, "missing");
        }
        return new LsdAnnounce(port, hashes, cookie);
    }

    private static int port(String value, int at) {
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new LsdFormatException("Port", at, "'" + value + "' (expected: 1..65535)");
        }
        int p = Integer.parseInt(value);
        if (p < 1 || p > 0xFFFF) {
            throw new LsdFormatException("Port", at, p + " (expected: 1..65535)");
        }
        return p;
    }

    /**
     * @return the next line without its CR LF (or LF), or null at the end of the datagram;
     *         only printable ASCII and tabs are allowed
     */
    private static String line(byte[] buf, int[] pos, int end, int from, String field) {
        int start = pos[0];
        if (start >= end) {
            return null;
        }
        int i = start;
        while (i < end && buf[i] != '\n') {
            byte b = buf[i];
            if (b != '\r' && b != '\t' && (b < 0x20 || b > 0x7E)) {
                throw new LsdFormatException(field, i - from, "byte 0x" + HexFormat.of().toHexDigits(b)
                        + " (expected: printable ASCII)");
            }
            i++;
        }
        int stop = i;
        if (stop > start && buf[stop - 1] == '\r') {
            stop--;
        }
        pos[0] = i < end ? i + 1 : end;
        return new String(buf, start, stop - start, StandardCharsets.US_ASCII);
    }
}
