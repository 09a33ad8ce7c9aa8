package dev.torrpedo.tracker.internal;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.AnnounceRequest;
import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/** Tracker URLs: which are allowed, the announce query (BEP 3), the scrape URL (BEP 48). */
final class TrackerUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TrackerUrls() {
    }

    /** @return the lower-case scheme if it is http, https or udp; else fails with UNSUPPORTED */
    static String scheme(URI uri) {
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!s.equals("http") && !s.equals("https") && !s.equals("udp")) {
            throw TrackerException.of(TrackerError.UNSUPPORTED, "scheme '" + s + "' (expected: http, https or udp)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw TrackerException.of(TrackerError.UNSUPPORTED, "no host in " + uri);
        }
        if (s.equals("udp") && uri.getPort() <= 0) {
            throw TrackerException.of(TrackerError.UNSUPPORTED, "no port in " + uri);
        }
        return s;
    }

    /** @return the port of {@code uri}, or the scheme's default */
    static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** @return the host, without the brackets of an IPv6 literal */
    static String host(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** @return the origin-form request target: raw path (or {@code /}) and query */
    static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** @return the announce URL: the tracker URL (its query kept) with BEP 3's parameters appended */
    static URI announce(URI tracker, AnnounceRequest r) {
        StringBuilder q = new StringBuilder(256);
        q.append("info_hash=");
        escape(r.infoHash().wire(), q);
        q.append("&peer_id=");
        escape(r.peerId().bytes(), q);
        q.append("&port=").append(r.port())
                .append("&uploaded=").append(r.uploaded())
                .append("&downloaded=").append(r.downloaded())
                .append("&left=").append(r.left())
                .append("&corrupt=0&key=").append(String.format(Locale.ROOT, "%08X", r.key()))
                .append("&compact=1&no_peer_id=1");
        if (r.event().udpCode() != 0) {
            q.append("&event=").append(r.event().httpValue());
        }
        if (r.numWant() >= 0) {
            q.append("&numwant=").append(r.numWant());
        }
        r.trackerId().ifPresent(id -> {
            q.append("&trackerid=");
            escape(id.getBytes(java.nio.charset.StandardCharsets.UTF_8), q);
        });
        return withQuery(tracker, q);
    }

    /** @return the scrape URL (BEP 48) with one {@code info_hash} per torrent; fails with UNSUPPORTED if none */
    static URI scrape(URI tracker, List<InfoHash> hashes) {
        String path = tracker.getRawPath() == null ? "" : tracker.getRawPath();
        int slash = path.lastIndexOf('/');
        if (slash < 0 || !path.startsWith("announce", slash + 1)) {
            throw TrackerException.of(TrackerError.UNSUPPORTED, "no scrape URL: the path does not end in /announce*");
        }
        String scrapePath = path.substring(0, slash + 1) + "scrape" + path.substring(slash + 1 + "announce".length());
        StringBuilder q = new StringBuilder(hashes.size() * 72);
        for (InfoHash h : hashes) {
            if (q.length() > 0) {
                q.append('&');
            }
            q.append("info_hash=");
            escape(h.wire(), q);
        }
        String base = tracker.getScheme() + "://" + tracker.getRawAuthority() + scrapePath;
        return withQuery(URI.create(tracker.getRawQuery() == null ? base : base + "?" + tracker.getRawQuery()), q);
    }

    private static URI withQuery(URI tracker, CharSequence params) {
        String base = tracker.getScheme() + "://" + tracker.getRawAuthority() + target(tracker);
        return URI.create(base + (tracker.getRawQuery() == null ? "?" : "&") + params);
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters. */
    static void escape(byte[] bytes, StringBuilder out) {
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 15]);
            }
        }
    }
}
