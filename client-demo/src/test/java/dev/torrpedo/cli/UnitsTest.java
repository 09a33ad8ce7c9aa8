package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"0, 0", "4096, 4096", "256K, 262144", "256k, 262144", "1M, 1048576", "1MB, 1048576",
        "1MiB, 1048576", "1.5M, 1572864", "2 M, 2097152", "1G, 1073741824", "1T, 1099511627776",
        "0.1K, 102", "512b, 512", "7e0000, -1"})
    void parsesSizes(String text, long expected) {
        if (expected < 0) {
            assertThrows(IllegalArgumentException.class, () -> Units.parseSize(text));
        } else {
            assertEquals(expected, Units.parseSize(text));
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"2M, 2097152", "500K, 512000", "2M/s, 2097152", "100kb/s, 102400", "1000, 1000", "0, 0"})
    void parsesRates(String text, long expected) {
        assertEquals(expected, Units.parseRate(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-1", "M", "1.5", "1X", "1MM", "1 /s", "0x10", "1,5M", "9999999999999999999",
        "8E", "16E", "9223372036854775808", "12345678901234567890123456789012345678901234567890123456789012345"})
    void refusesWhatIsNotASize(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parseSize(text));
        assertTrue(e.getMessage().contains("size") || e.getMessage().contains("byte"), e.getMessage());
    }

    @Test
    void aRateErrorSaysRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.parseRate("fast"));
        assertEquals("'fast' is not a rate (expected: a number of bytes, or with K, M, G or T, as 500K or 2M)",
                e.getMessage());
    }

    @Test
    void theLargestSizeFits() {
        assertEquals(Long.MAX_VALUE, Units.parseSize(Long.toString(Long.MAX_VALUE)));
        assertEquals(8L << 40, Units.parseSize("8T"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"0, 0 B", "1023, 1023 B", "1024, 1.0 KiB", "1536, 1.5 KiB", "1048575, 1.0 MiB",
        "268435456, 256.0 MiB", "1073741824, 1.0 GiB", "9223372036854775807, 8.0 EiB"})
    void formatsSizes(long bytes, String expected) {
        assertEquals(expected, Units.formatSize(bytes));
    }

    @Test
    void formatsRates() {
        assertEquals("12.4 MiB/s", Units.formatRate(13_002_342));
        assertEquals("0 B/s", Units.formatRate(0));
        assertEquals("0 B/s", Units.formatRate(-5));
    }

    @ParameterizedTest(name = "{0} s = {1}")
    @CsvSource({"-1, -", "0, 0s", "59, 59s", "60, 1m00s", "245, 4m05s", "3599, 59m59s", "3720, 1h02m",
        "86399, 23h59m", "273600, 3d04h", "8639999, 99d23h", "8640000, >99d"})
    void formatsEtas(long seconds, String expected) {
        assertEquals(expected, Units.formatEta(seconds));
    }
}
