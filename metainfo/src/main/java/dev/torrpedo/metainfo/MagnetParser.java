package dev.torrpedo.metainfo;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and writes magnet links (BEP 9, BEP 53). Pure. */
final class MagnetParser {
    private static final String SCHEME = "magnet:?";
    private static final String BTIH = "urn:btih:";
    private static final String BTMH = "urn:btmh:";
    /** Multihash prefix of a SHA2-256 digest: function 0x12, length 0x20. */
    private static final String SHA256_MULTIHASH = "1220";
    private static final Pattern INDEXED = Pattern.compile("(xt|dn|tr|ws|so)\\.\\d{1,9}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final HexFormat HEX = HexFormat.of();

    private MagnetParser() {
    }

    static MagnetLink parse(String uri) {
        if (uri.length() > MagnetLink.MAX_LENGTH) {
            throw new MetainfoException(MetainfoError.LIMIT_EXCEEDED, "", "magnet link: " + uri.length()
                    + " characters (expected: <= " + MagnetLink.MAX_LENGTH + ")");
        }
        if (!uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw invalid("", "not a magnet link (expected: 'magnet:?...')");
        }
        byte[] v1 = null;
        byte[] v2 = null;
        String name = null;
        List<String> trackers = new ArrayList<>();
        List<String> seeds = new ArrayList<>();
        List<InetSocketAddress> peers = new ArrayList<>();
        List<MagnetLink.FileRange> ranges = new ArrayList<>();
        for (String param : uri.substring(SCHEME.length()).split("&", -1)) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String raw = eq < 0 ? "" : param.substring(eq + 1);
            if (INDEXED.matcher(key).matches()) {
                key = key.substring(0, key.indexOf('.'));
            }
            switch (key) {
                case "xt": {
                    String xt = decode(raw, key, false);
                    if (xt.regionMatches(true, 0, BTIH, 0, BTIH.length())) {
                        v1 = same(v1, btih(xt.substring(BTIH.length())));
                    } else if (xt.regionMatches(true, 0, BTMH, 0, BTMH.length())) {
                        v2 = same(v2, btmh(xt.substring(BTMH.length())));
                    }
                    break;
                }
                case "dn":
                    if (name == null) {
                        name = decode(raw, key, true);
                    }
                    break;
                case "tr":
                    add(trackers, decode(raw, key, false).strip(), MagnetLink.MAX_TRACKERS);
                    break;
                case "ws":
                    add(seeds, decode(raw, key, false).strip(), MagnetLink.MAX_WEB_SEEDS);
                    break;
                case "x.pe": {
                    InetSocketAddress peer = peer(decode(raw, key, false));
                    if (peer != null && !peers.contains(peer) && peers.size() < MagnetLink.MAX_PEERS) {
                        peers.add(peer);
                    }
                    break;
                }
                case "so":
                    selection(decode(raw, key, false), ranges);
                    break;
                default:
                    break; // BEP 9: unknown parameters are ignored
            }
        }
        if (v1 == null && v2 == null) {
            throw new MetainfoException(MetainfoError.MISSING_FIELD, "xt",
                    "no 'xt=urn:btih:' or 'xt=urn:btmh:' parameter");
        }
        InfoHash hash = v1 != null && v2 != null ? InfoHash.hybrid(v1, v2) : v1 != null ? InfoHash.v1(v1) : InfoHash.v2(v2);
        try {
            return new MagnetLink(hash, Optional.ofNullable(name), trackers, seeds, peers, ranges);
        } catch (IllegalArgumentException e) {
            throw new MetainfoException(MetainfoError.LIMIT_EXCEEDED, "so", -1, e.getMessage(), e);
        }
    }

    private static byte[] same(byte[] previous, byte[] next) {
        if (previous != null && !java.util.Arrays.equals(previous, next)) {
            throw invalid("xt", "two different info hashes of the same kind");
        }
        return next;
    }

    private static void add(List<String> list, String value, int max) {
        if (!value.isEmpty() && !list.contains(value) && list.size() < max) {
            list.add(value);
        }
    }

    /** 40 hex digits or 32 base32 characters. */
    private static byte[] btih(String s) {
        if (s.length() == 40 && isHex(s)) {
            return HEX.parseHex(s.toLowerCase(Locale.ROOT));
        }
        if (s.length() == 32) {
            byte[] b = base32(s);
            if (b != null) {
                return b;
            }
        }
        throw invalid("xt", "urn:btih: '" + abbreviate(s) + "' (expected: 40 hex digits or 32 base32 characters)");
    }

    /** A SHA2-256 multihash in hex: {@code 1220} and 64 hex digits. */
    private static byte[] btmh(String s) {
        if (s.length() == 68 && s.startsWith(SHA256_MULTIHASH) && isHex(s)) {
            return HEX.parseHex(s.substring(4).toLowerCase(Locale.ROOT));
        }
        throw invalid("xt", "urn:btmh: '" + abbreviate(s) + "' (expected: '1220' and 64 hex digits, a SHA2-256 multihash)");
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** RFC 4648 base32 without padding, 32 characters to 20 bytes; {@code null} if malformed. */
    private static byte[] base32(String s) {
        byte[] out = new byte[20];
        long buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toUpperCase(s.charAt(i));
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) {
                return null;
            }
            buffer = buffer << 5 | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (buffer >>> bits);
            }
        }
        return out;
    }

    /** {@code host:port}, {@code [v6]:port}; {@code null} if malformed. */
    private static InetSocketAddress peer(String s) {
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                return null;
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
            if (!IPV6.matcher(host).matches()) {
                return null;
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                return null;
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
            if (!HOST.matcher(host).matches()) {
                return null;
            }
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int p = Integer.parseInt(port);
        return p >= 1 && p <= 65535 ? InetSocketAddress.createUnresolved(host, p) : null;
    }

    /** BEP 53: {@code 0,2,4-6}. */
    private static void selection(String s, List<MagnetLink.FileRange> out) {
        for (String part : s.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-');
            int first = index(dash < 0 ? p : p.substring(0, dash));
            int last = dash < 0 ? first : index(p.substring(dash + 1));
            if (last < first) {
                throw invalid("so", "range " + p + " runs backwards");
            }
            if (out.size() >= MagnetLink.MAX_FILE_RANGES) {
                throw new MetainfoException(MetainfoError.LIMIT_EXCEEDED, "so",
                        "more than " + MagnetLink.MAX_FILE_RANGES + " ranges");
            }
            out.add(new MagnetLink.FileRange(first, last));
        }
    }

    private static int index(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid("so", "'" + abbreviate(s) + "' is not a file index");
        }
        return Integer.parseInt(s);
    }

    /** Percent-decoding to UTF-8 (malformed sequences replaced); {@code +} is a space in {@code dn}. */
    private static String decode(String s, String key, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && !(plusIsSpace && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw invalid(key, "bad percent-escape at character " + i);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                byte[] b = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i = end - 1;
            }
        }
        return SafePaths.decodeLossy(ByteBuffer.wrap(out.toByteArray()));
    }

    static String format(MagnetLink link) {
        StringBuilder sb = new StringBuilder(SCHEME);
        InfoHash h = link.infoHash();
        String sep = "";
        if (h.hasV1()) {
            sb.append("xt=").append(BTIH).append(HEX.formatHex(h.v1()));
            sep = "&";
        }
        if (h.hasV2()) {
            sb.append(sep).append("xt=").append(BTMH).append(SHA256_MULTIHASH).append(HEX.formatHex(h.v2()));
        }
        link.displayName().ifPresent(n -> sb.append("&dn=").append(encode(n)));
        link.trackers().forEach(t -> sb.append("&tr=").append(encode(t)));
        link.webSeeds().forEach(w -> sb.append("&ws=").append(encode(w)));
        for (InetSocketAddress p : link.peers()) {
            String host = p.getHostString();
            sb.append("&x.pe=").append(encode(host.indexOf(':') >= 0 ? "[" + host + "]" : host)).append(':')
                    .append(p.getPort());
        }
        if (!link.selectedFiles().isEmpty()) {
            sb.append("&so=");
            String comma = "";
            for (MagnetLink.FileRange r : link.selectedFiles()) {
                sb.append(comma).append(r.first());
                if (r.last() != r.first()) {
                    sb.append('-').append(r.last());
                }
                comma = ",";
            }
        }
        return sb.toString();
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters. */
    private static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    private static MetainfoException invalid(String field, String detail) {
        return new MetainfoException(MetainfoError.INVALID_MAGNET, field, detail);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
