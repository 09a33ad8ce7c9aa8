package dev.torrpedo.engine.internal.webseed;

/**
 * The verdict on the status line and headers of a web seed's reply to one range request
 * ({@link #of}): take its body, follow a redirect, try again later, or give up on the seed.
 * Pure: no sockets, clocks or logging, so it is fuzzed on its own.
 */
public sealed interface WebSeedReply {
    /** Redirects followed for one request before it fails. */
    int MAX_REDIRECTS = 5;
    /** The longest {@code Location} followed. */
    int MAX_LOCATION = 2048;

    /** The body holds exactly the bytes asked for. @param length how many */
    record Accept(long length) implements WebSeedReply {
    }

    /** Ask again at {@code location} (absolute or relative to the request's URL). @param location the header */
    record Redirect(String location) implements WebSeedReply {
    }

    /** The server is busy or failed: back off and ask again. @param reason for the status */
    record Retry(String reason) implements WebSeedReply {
    }

    /** The server cannot serve this torrent (missing file, wrong range, no range support). @param reason why */
    record Fail(String reason) implements WebSeedReply {
    }

    /**
     * @param status        the HTTP status code
     * @param contentRange  the {@code Content-Range} header, or null
     * @param contentLength the {@code Content-Length} header, or null (chunked)
     * @param location      the {@code Location} header, or null
     * @param first         the first byte asked for
     * @param length        how many bytes were asked for
     * @param fileLength    the file's length in the torrent
     * @return what to do with the reply
     */
    static WebSeedReply of(int status, String contentRange, String contentLength, String location, long first,
                           long length, long fileLength) {
        if (status == 206) {
            ContentRange r = ContentRange.parse(contentRange);
            if (r == null) {
                return new Fail("206 with a bad Content-Range: " + clip(contentRange));
            }
            if (r.first() != first || r.length() != length) {
                return new Fail("206 for bytes " + r.first() + "-" + r.last() + ", not " + first + "-" + (first + length - 1));
            }
            if (r.total() != -1 && r.total() != fileLength) {
                return new Fail("the file is " + r.total() + " bytes, not " + fileLength);
            }
            return lengthAgrees(contentLength, length) ? new Accept(length)
                    : new Fail("Content-Length " + clip(contentLength) + " for a range of " + length);
        }
        if (status == 200) {
            // a server that ignores Range sends the whole file: usable only when that is what we asked for
            if (first == 0 && length == fileLength && lengthAgrees(contentLength, length)) {
                return new Accept(length);
            }
            return new Fail("200 instead of 206: the server ignores range requests");
        }
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            if (location == null || location.isBlank() || location.length() > MAX_LOCATION) {
                return new Fail(status + " without a usable Location");
            }
            return new Redirect(location.trim());
        }
        if (status == 408 || status == 429 || status >= 500 && status <= 599) {
            return new Retry("HTTP " + status);
        }
        return new Fail("HTTP " + status);
    }

    private static boolean lengthAgrees(String contentLength, long length) {
        if (contentLength == null) {
            return true;
        }
        String v = contentLength.trim();
        return ContentRange.number(v, 0, v.length()) == length;
    }

    private static String clip(String s) {
        return s == null ? "none" : s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
