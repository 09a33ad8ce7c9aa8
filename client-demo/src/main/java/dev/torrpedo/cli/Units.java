package dev.torrpedo.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes and rates as users type and read them. Units are binary: {@code K} = 1024,
 * {@code M} = 1024², {@code G} = 1024³, {@code T} = 1024⁴ (and {@code P}, {@code E},
 * so that every size shown can be typed back), case-insensitive, with an
 * optional {@code B} or {@code iB} ({@code 256K}, {@code 1M}, {@code 1.5MiB}, {@code 2mb},
 * {@code 4096}); a rate may end in {@code /s} ({@code 2M/s}).
 */
public final class Units {
    /** Longest size or rate text accepted. */
    static final int MAX_TEXT = 64;
    private static final Pattern SIZE = Pattern.compile(
            "(\\d{1,30}(?:\\.\\d{1,30})?)\\s*(?:([kmgtpe])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Units() {
    }

    /**
     * Parses a size such as {@code 256K}, {@code 1.5M} or {@code 4096}, rounding a fraction
     * of a byte down.
     *
     * @throws IllegalArgumentException naming what is wrong: not a size, a fraction of a
     *         byte without a unit, or more than {@link Long#MAX_VALUE}
     */
    public static long parseSize(String text) {
        return parse(text, "size", "256K or 1.5M");
    }

    /**
     * Parses a rate in bytes per second: a size ({@link #parseSize(String)}) with an optional
     * {@code /s}; {@code 0} means unlimited.
     */
    public static long parseRate(String text) {
        String s = text == null ? "" : text.strip();
        if (s.regionMatches(true, Math.max(0, s.length() - 2), "/s", 0, 2)) {
            s = s.substring(0, s.length() - 2);
        }
        return parse(s, "rate", "500K or 2M");
    }

    private static long parse(String text, String what, String examples) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty " + what + " (expected: a number of bytes, or with K, M, G or T, as "
                    + examples + ")");
        }
        String s = text.strip();
        if (s.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " of " + s.length() + " characters (expected: <= " + MAX_TEXT + ")");
        }
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s + "' is not a " + what + " (expected: a number of bytes, or with K, M,"
                    + " G or T, as " + examples + ")");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String unit = m.group(2);
        int shift = unit == null ? 0 : 10 * ("kmgtpe".indexOf(Character.toLowerCase(unit.charAt(0))) + 1);
        if (shift == 0 && number.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("'" + s + "' is a fraction of a byte (expected: a whole number, or a unit"
                    + " as in 1.5M)");
        }
        BigDecimal bytes = number.multiply(BigDecimal.valueOf(2).pow(shift)).setScale(0, RoundingMode.FLOOR);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + s + "' is too large (expected: <= " + Long.MAX_VALUE + " bytes)");
        }
        return bytes.longValueExact();
    }

    /** @return {@code bytes} for a person: {@code 512 B}, {@code 1.5 KiB}, {@code 256.0 MiB} */
    public static String formatSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        // 1023.96 KiB would print as "1024.0 KiB"; move to the next unit instead.
        if (Math.round(value * 10) >= 10240 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** @return a rate for a person: {@code 0 B/s}, {@code 12.4 MiB/s} */
    public static String formatRate(long bytesPerSecond) {
        return formatSize(Math.max(0, bytesPerSecond)) + "/s";
    }

    /**
     * @return a time left for a person: {@code 42s}, {@code 4m05s}, {@code 1h02m},
     *         {@code 3d04h}, {@code >99d}; {@code -} when unknown (negative)
     */
    public static String formatEta(long seconds) {
        if (seconds < 0) {
            return "-";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        if (seconds < 100 * 86_400L) {
            return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3600);
        }
        return ">99d";
    }
}
