package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever ranges a filter is built from, a lookup agrees with checking each range in turn. */
class IpFilterProperties {

    @Property(tries = 200)
    void lookupsAgreeWithTheRanges(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int count) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        List<long[]> ranges = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            long a = r.nextLong(1L << 32) & 0xFFFF00FFL; // cluster, so ranges overlap
            long b = Math.min(0xFFFFFFFFL, a + r.nextLong(2000));
            ranges.add(new long[] {a, b});
            text.append(v4(a).getHostAddress()).append(" - ").append(v4(b).getHostAddress()).append('\n');
        }
        IpFilter f = IpFilter.parse(text.toString());
        for (int k = 0; k < 200; k++) {
            long x = k % 2 == 0 && !ranges.isEmpty() ? ranges.get(r.nextInt(ranges.size()))[0] + r.nextLong(-3, 2003)
                    : r.nextLong(1L << 32);
            x = Math.max(0, Math.min(0xFFFFFFFFL, x));
            boolean expected = false;
            for (long[] range : ranges) {
                expected |= x >= range[0] && x <= range[1];
            }
            assertEquals(expected, f.blocks(v4(x)), v4(x) + " in " + text);
        }
    }

    static InetAddress v4(long x) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) (x >>> 24), (byte) (x >>> 16), (byte) (x >>> 8), (byte) x});
    }
}
