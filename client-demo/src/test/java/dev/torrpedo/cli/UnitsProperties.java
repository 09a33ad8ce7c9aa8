package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class UnitsProperties {

    @Property
    void plainNumbersAreBytes(@ForAll @LongRange(min = 0) long n) {
        assertEquals(n, Units.parseSize(Long.toString(n)));
        assertEquals(n, Units.parseRate(n + "/s"));
    }

    @Property
    void unitsAreBinary(@ForAll @IntRange(min = 0, max = 1 << 20) int n) {
        assertEquals(n * 1024L, Units.parseSize(n + "K"));
        assertEquals(n * 1024L * 1024, Units.parseSize(n + "m"));
        assertEquals(n * 1024L * 1024 * 1024, Units.parseSize(n + "GiB"));
    }

    /** What is shown can be typed back, within the rounding of one decimal. */
    @Property
    void aFormattedSizeParsesBackClose(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long n) {
        long back = Units.parseSize(Units.formatSize(n));
        assertTrue(Math.abs(back - n) <= n * 0.05 + 1, n + " shown as " + Units.formatSize(n) + " reads " + back);
    }

    @Property
    void anyTextParsesOrSaysWhy(@ForAll @StringLength(max = 80) String text) {
        try {
            assertTrue(Units.parseSize(text) >= 0);
        } catch (IllegalArgumentException e) {
            // The message quotes the text; the error line folds any line break in it.
            assertEquals(1, ErrorReporter.oneLine(e.getMessage()).lines().count(), e.getMessage());
        }
    }
}
