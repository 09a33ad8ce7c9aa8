package dev.torrpedo.engine.internal.webseed;

import dev.torrpedo.metainfo.TorrentFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Where a web seed serves each file (BEP 19): a single-file torrent's file is the URL itself,
 * unless the URL ends in {@code /}, when the torrent's name is appended; a multi-file
 * torrent's files are under the URL as a directory: {@code url/name/path/to/file}. Each path
 * component is percent-encoded as received (not sanitised: the server has the original names).
 */
public final class WebSeedUrls {
    private WebSeedUrls() {
    }

    /**
     * @return the seed's URL, checked: absolute, http or https, with a host
     * @throws IllegalArgumentException if it is not usable
     */
    public static URI parse(String url) {
        URI u;
        try {
            u = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        if (u.getHost() == null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("no host, or a fragment: " + url);
        }
        return u;
    }

    /** @return the URL of {@code file} on the seed at {@code base} */
    public static URI fileUrl(URI base, TorrentFile file) {
        List<String> path = file.path();
        String b = base.toString();
        if (path.size() == 1 && !b.endsWith("/")) {
            return base;
        }
        StringBuilder sb = new StringBuilder(b);
        if (!b.endsWith("/")) {
            sb.append('/');
        }
        for (int i = 0; i < path.size(); i++) {
            if (i > 0) {
                sb.append('/');
            }
            encode(path.get(i), sb);
        }
        return URI.create(sb.toString());
    }

    /** Percent-encodes every byte of {@code s}'s UTF-8 except RFC 3986's unreserved characters. */
    static void encode(String s, StringBuilder out) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
    }
}
