package dev.torrpedo.engine.internal.webseed;

/**
 * A {@code Content-Range} header of a 206 reply: {@code bytes first-last/total}, where the
 * total may be {@code *} (unknown). Parsed strictly: one range, decimal digits only, no more
 * than 18 digits per number, {@code first <= last < total}.
 *
 * @param first the first byte's offset
 * @param last  the last byte's offset (inclusive)
 * @param total the whole file's length, or -1 if the server did not say
 */
public record ContentRange(long first, long last, long total) {
    /** The longest header value looked at; longer is malformed. */
    static final int MAX_LENGTH = 100;
    private static final int MAX_DIGITS = 18;

    /** @return the number of bytes in the range */
    public long length() {
        return last - first + 1;
    }

    /**
     * @return the range, or null if {@code header} is absent or not a valid single byte range
     */
    public static ContentRange parse(String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return null;
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bytes", 0, 5)) {
            return null;
        }
        int i = 5;
        if (i >= h.length() || (h.charAt(i) != ' ' && h.charAt(i) != '=')) {
            return null;
        }
        while (i < h.length() && (h.charAt(i) == ' ' || h.charAt(i) == '=')) {
            i++;
        }
        int dash = h.indexOf('-', i);
        int slash = h.indexOf('/', i);
        if (dash < 0 || slash < dash) {
            return null;
        }
        long first = number(h, i, dash);
        long last = number(h, dash + 1, slash);
        String t = h.substring(slash + 1);
        long total = t.equals("*") ? -1 : number(h, slash + 1, h.length());
        if (first < 0 || last < first || (total != -1 && (total < 0 || last >= total))) {
            return null;
        }
        return new ContentRange(first, last, total);
    }

    /** @return the decimal number in {@code s[from, to)}, or -2 if it is not one */
    static long number(String s, int from, int to) {
        if (to <= from || to - from > MAX_DIGITS) {
            return -2;
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
