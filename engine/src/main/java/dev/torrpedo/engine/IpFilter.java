package dev.torrpedo.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Address ranges whose peers are refused: no connection is made to them and none is accepted
 * from them, and web seeds there are not used ({@link Session#setIpFilter}). Immutable and
 * thread-safe; a lookup is a binary search over merged ranges.
 *
 * <p>{@link #parse} reads the formats users have, one rule per line:
 * <pre>
 *   # comment, // comment, or a blank line
 *   1.2.3.0 - 1.2.3.255 , 000 , description      eMule ipfilter.dat: blocked if the level is below 128
 *   Some description:5.6.7.0-5.6.7.255           PeerGuardian .p2p
 *   10.0.0.0/8        2001:db8::/32              CIDR
 *   192.0.2.7         ::1 - ::ff                 one address, or a range, IPv4 or IPv6
 * </pre>
 * IPv4-mapped IPv6 addresses are matched as IPv4. Parsing is strict: a line it cannot read
 * fails with {@link IpFilterException} naming the line, as does a file past the limits
 * ({@link #MAX_BYTES}, {@link #MAX_LINE}, {@link #MAX_RANGES}).
 */
public final class IpFilter {
    /** A filter that blocks nothing. */
    public static final IpFilter NONE = new IpFilter(new long[0], new long[0][]);
    /** The largest filter file read. */
    public static final long MAX_BYTES = 64L << 20;
    /** The longest line read. */
    public static final int MAX_LINE = 1024;
    /** The most rules read. */
    public static final int MAX_RANGES = 4_000_000;

    /** IPv4: merged [from, to] pairs, unsigned, sorted: v4[2i], v4[2i+1]. */
    private final long[] v4;
    /** IPv6: merged ranges, each {fromHigh, fromLow, toHigh, toLow}, sorted. */
    private final long[][] v6;

    private IpFilter(long[] v4, long[][] v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /** The line that could not be read, or the limit passed. */
    public static final class IpFilterException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int line;

        /**
         * @param line   the 1-based line number (0 for the file as a whole)
         * @param reason what is wrong with it
         */
        public IpFilterException(int line, String reason) {
            super((line > 0 ? "line " + line + ": " : "") + reason);
            this.line = line;
        }

        /** @return the 1-based line number, or 0 for the file as a whole */
        public int line() {
            return line;
        }
    }

    /**
     * Reads a filter file (UTF-8 or ASCII).
     *
     * @throws IpFilterException if a line cannot be read or a limit is passed
     * @throws IOException       if the file cannot be read
     */
    public static IpFilter parse(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IpFilterException(0, "the file is " + size + " bytes (expected: <= " + MAX_BYTES + ")");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /**
     * Reads filter rules from text.
     *
     * @throws IpFilterException if a line cannot be read or a limit is passed
     */
    public static IpFilter parse(String text) throws IpFilterException {
        try {
            return parse(new StringReader(text));
        } catch (IpFilterException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
    }

    private static IpFilter parse(Reader reader) throws IOException {
        Builder b = new Builder();
        char[] chunk = new char[64 * 1024];
        StringBuilder line = new StringBuilder();
        int number = 1;
        int n;
        while ((n = reader.read(chunk)) >= 0) {
            for (int i = 0; i < n; i++) {
                char c = chunk[i];
                if (c == '\n') {
                    b.line(line.toString(), number++);
                    line.setLength(0);
                } else if (line.length() >= MAX_LINE) {
                    throw new IpFilterException(number, "longer than " + MAX_LINE + " characters");
                } else {
                    line.append(c);
                }
            }
        }
        b.line(line.toString(), number);
        return b.build();
    }

    /** @return a builder for a filter made in code */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether peers at {@code address} are refused */
    public boolean blocks(InetAddress address) {
        Objects.requireNonNull(address, "address");
        byte[] a = family(address.getAddress());
        if (a.length == 4) {
            long x = v4Value(a);
            int lo = 0;
            int hi = v4.length / 2 - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (x < v4[2 * mid]) {
                    hi = mid - 1;
                } else if (x > v4[2 * mid + 1]) {
                    lo = mid + 1;
                } else {
                    return true;
                }
            }
            return false;
        }
        long h = high(a);
        long l = low(a);
        int lo = 0;
        int hi = v6.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long[] r = v6[mid];
            if (compare(h, l, r[0], r[1]) < 0) {
                hi = mid - 1;
            } else if (compare(h, l, r[2], r[3]) > 0) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** @return how many merged ranges the filter holds */
    public int rangeCount() {
        return v4.length / 2 + v6.length;
    }

    @Override
    public String toString() {
        return "IpFilter[" + rangeCount() + " ranges]";
    }

    /** Collects ranges; {@link #build()} merges them. */
    public static final class Builder {
        private final List<long[]> ranges4 = new ArrayList<>();
        private final List<long[]> ranges6 = new ArrayList<>();

        private Builder() {
        }

        /**
         * Blocks {@code from} to {@code to}, both included, of one family (IPv4-mapped IPv6
         * addresses count as IPv4).
         *
         * @return this builder
         * @throws IllegalArgumentException if the families differ or {@code from > to}
         */
        public Builder block(InetAddress from, InetAddress to) {
            byte[] a = family(from.getAddress());
            byte[] b = family(to.getAddress());
            if (a.length != b.length) {
                throw new IllegalArgumentException("a range from " + from.getHostAddress() + " to " + to.getHostAddress()
                        + " mixes IPv4 and IPv6");
            }
            if (ranges4.size() + ranges6.size() >= MAX_RANGES) {
                throw new IllegalArgumentException("more than " + MAX_RANGES + " ranges");
            }
            if (a.length == 4) {
                long x = v4Value(a);
                long y = v4Value(b);
                if (x > y) {
                    throw new IllegalArgumentException("range start after its end: " + from.getHostAddress() + " - "
                            + to.getHostAddress());
                }
                ranges4.add(new long[] {x, y});
            } else {
                if (compare(high(a), low(a), high(b), low(b)) > 0) {
                    throw new IllegalArgumentException("range start after its end: " + from.getHostAddress() + " - "
                            + to.getHostAddress());
                }
                ranges6.add(new long[] {high(a), low(a), high(b), low(b)});
            }
            return this;
        }

        void line(String raw, int number) throws IpFilterException {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
                return;
            }
            try {
                rule(line);
            } catch (IllegalArgumentException e) {
                throw new IpFilterException(number, e.getMessage());
            }
        }

        private void rule(String line) {
            String range = line;
            int comma = line.indexOf(',');
            if (comma >= 0) { // eMule: range , level , description
                range = line.substring(0, comma).strip();
                String rest = line.substring(comma + 1);
                int next = rest.indexOf(',');
                String level = (next >= 0 ? rest.substring(0, next) : rest).strip();
                int access;
                try {
                    access = Integer.parseInt(level);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("access level '" + clip(level) + "' is not a number");
                }
                if (access >= 128) {
                    return; // allowed
                }
            } else {
                int colon = line.lastIndexOf(':');
                if (colon >= 0 && line.indexOf('.', colon) >= 0 && !addressText(line.substring(0, colon))) {
                    range = line.substring(colon + 1).strip(); // PeerGuardian: description:range
                }
            }
            int slash = range.indexOf('/');
            int dash = range.indexOf('-');
            if (slash >= 0) {
                InetAddress base = address(range.substring(0, slash));
                int bits;
                try {
                    bits = Integer.parseInt(range.substring(slash + 1).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("prefix length '" + clip(range.substring(slash + 1)) + "'");
                }
                byte[] a = family(base.getAddress());
                if (bits < 0 || bits > a.length * 8) {
                    throw new IllegalArgumentException("prefix length " + bits + " (expected: 0.." + a.length * 8 + ")");
                }
                byte[] first = a.clone();
                byte[] last = a.clone();
                for (int i = bits; i < a.length * 8; i++) {
                    first[i / 8] &= (byte) ~(0x80 >>> (i % 8));
                    last[i / 8] |= (byte) (0x80 >>> (i % 8));
                }
                block(byBytes(first), byBytes(last));
            } else if (dash >= 0) {
                block(address(range.substring(0, dash)), address(range.substring(dash + 1)));
            } else {
                InetAddress one = address(range);
                block(one, one);
            }
        }

        /** @return the filter */
        public IpFilter build() {
            ranges4.sort(Comparator.comparingLong(r -> r[0]));
            List<long[]> merged4 = new ArrayList<>();
            for (long[] r : ranges4) {
                long[] last = merged4.isEmpty() ? null : merged4.get(merged4.size() - 1);
                if (last != null && r[0] <= last[1] + 1) {
                    last[1] = Math.max(last[1], r[1]);
                } else {
                    merged4.add(r.clone());
                }
            }
            long[] v4 = new long[merged4.size() * 2];
            for (int i = 0; i < merged4.size(); i++) {
                v4[2 * i] = merged4.get(i)[0];
                v4[2 * i + 1] = merged4.get(i)[1];
            }
            ranges6.sort((x, y) -> compare(x[0], x[1], y[0], y[1]));
            List<long[]> merged6 = new ArrayList<>();
            for (long[] r : ranges6) {
                long[] last = merged6.isEmpty() ? null : merged6.get(merged6.size() - 1);
                if (last != null && !adjacentOrAfter(last[2], last[3], r[0], r[1])) {
                    if (compare(r[2], r[3], last[2], last[3]) > 0) {
                        last[2] = r[2];
                        last[3] = r[3];
                    }
                } else {
                    merged6.add(r.clone());
                }
            }
            return new IpFilter(v4, merged6.toArray(new long[0][]));
        }
    }

    /** @return whether {@code start} is beyond {@code end + 1} (so the ranges neither overlap nor touch) */
    private static boolean adjacentOrAfter(long endHigh, long endLow, long startHigh, long startLow) {
        long nextLow = endLow + 1;
        long nextHigh = nextLow == 0 ? endHigh + 1 : endHigh;
        if (nextLow == 0 && endHigh == -1L) {
            return false; // the end is the last address: nothing comes after it
        }
        return compare(startHigh, startLow, nextHigh, nextLow) > 0;
    }

    /** @return whether {@code s} could be (part of) an address rule rather than a description */
    private static boolean addressText(String s) {
        return s.chars().allMatch(ch -> ch == ':' || ch == '.' || ch == '-' || ch == '/' || ch == ' '
                || Character.digit(ch, 16) >= 0);
    }

    private static InetAddress address(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 45) {
            throw new IllegalArgumentException("address '" + clip(s) + "'");
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(ch == '.' || ch == ':' || Character.digit(ch, 16) >= 0)) {
                throw new IllegalArgumentException("address '" + clip(s) + "' (expected: a numeric IPv4 or IPv6 address)");
            }
        }
        if (s.indexOf(':') < 0) {
            return v4(s);
        }
        try {
            return InetAddress.getByName(s); // numeric only: checked above, so no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address '" + clip(s) + "'");
        }
    }

    /** eMule files pad with zeros ({@code 001.002.003.000}): read each part as decimal. */
    private static InetAddress v4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("address '" + clip(s) + "' (expected: four parts)");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                throw new IllegalArgumentException("address '" + clip(s) + "'");
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char ch = p.charAt(k);
                if (ch < '0' || ch > '9') {
                    throw new IllegalArgumentException("address '" + clip(s) + "'");
                }
                v = v * 10 + (ch - '0');
            }
            if (v > 255) {
                throw new IllegalArgumentException("address '" + clip(s) + "': " + v + " is more than 255");
            }
            b[i] = (byte) v;
        }
        return byBytes(b);
    }

    private static InetAddress byBytes(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] family(byte[] a) {
        return a.length == 16 && isMapped(a) ? Arrays.copyOfRange(a, 12, 16) : a;
    }

    private static boolean isMapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    private static long v4Value(byte[] a) {
        return ((a[0] & 0xffL) << 24) | ((a[1] & 0xffL) << 16) | ((a[2] & 0xffL) << 8) | (a[3] & 0xffL);
    }

    private static long high(byte[] a) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (a[i] & 0xff);
        }
        return v;
    }

    private static long low(byte[] a) {
        long v = 0;
        for (int i = 8; i < 16; i++) {
            v = (v << 8) | (a[i] & 0xff);
        }
        return v;
    }

    private static int compare(long h1, long l1, long h2, long l2) {
        int c = Long.compareUnsigned(h1, h2);
        return c != 0 ? c : Long.compareUnsigned(l1, l2);
    }

    private static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
