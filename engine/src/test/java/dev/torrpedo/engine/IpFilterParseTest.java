package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IP filter's file formats, limits, errors and lookups. */
class IpFilterParseTest {
    @TempDir
    Path dir;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsEmulePeerGuardianCidrAndSingleAddresses() throws Exception {
        Path file = dir.resolve("ipfilter.dat");
        Files.writeString(file, String.join("\n",
                "# a comment",
                "// another",
                "",
                "001.002.003.000 - 001.002.003.255 , 000 , blocked by level 0",
                "009.009.009.000 - 009.009.009.255 , 200 , allowed: level 200",
                "Bad people:5.6.7.10-5.6.7.20",
                "10.0.0.0/8",
                "192.0.2.7",
                "2001:db8::/32",
                "::1 - ::ff\r",
                "fe80::5"));
        IpFilter f = IpFilter.parse(file);
        assertTrue(f.blocks(ip("1.2.3.0")));
        assertTrue(f.blocks(ip("1.2.3.255")));
        assertFalse(f.blocks(ip("1.2.4.0")));
        assertFalse(f.blocks(ip("1.2.2.255")));
        assertFalse(f.blocks(ip("9.9.9.9")), "access level 128 and more is allowed");
        assertTrue(f.blocks(ip("5.6.7.15")));
        assertFalse(f.blocks(ip("5.6.7.21")));
        assertTrue(f.blocks(ip("10.255.255.255")));
        assertFalse(f.blocks(ip("11.0.0.0")));
        assertTrue(f.blocks(ip("192.0.2.7")));
        assertFalse(f.blocks(ip("192.0.2.8")));
        assertTrue(f.blocks(ip("2001:db8:ffff::1")));
        assertFalse(f.blocks(ip("2001:db9::")));
        assertTrue(f.blocks(ip("::80")));
        assertFalse(f.blocks(ip("::100")));
        assertTrue(f.blocks(ip("fe80::5")));
        assertTrue(f.blocks(ip("::ffff:10.1.2.3")), "an IPv4-mapped address is matched as IPv4");
        assertEquals(7, f.rangeCount());
    }

    @Test
    void overlappingAndTouchingRangesMerge() throws Exception {
        IpFilter f = IpFilter.parse("1.0.0.0-1.0.0.10\n1.0.0.5-1.0.0.20\n1.0.0.21-1.0.0.30\n1.0.1.0/24\n"
                + "::-::ffff\n::1:0-::2:0");
        assertEquals(3, f.rangeCount());
        assertTrue(f.blocks(ip("1.0.0.30")));
        assertFalse(f.blocks(ip("1.0.0.31")));
        assertTrue(f.blocks(ip("::2:0")));
        assertTrue(f.blocks(ip("0.0.0.0")) == false);
    }

    @Test
    void aBadLineNamesItself() {
        IpFilter.IpFilterException e = assertThrows(IpFilter.IpFilterException.class,
                () -> IpFilter.parse("1.2.3.4\n# fine\n1.2.3.400\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("400"), e.getMessage());
        assertEquals(1, assertThrows(IpFilter.IpFilterException.class, () -> IpFilter.parse("1.2.3.9 - 1.2.3.1")).line());
        assertEquals(1, assertThrows(IpFilter.IpFilterException.class, () -> IpFilter.parse("1.2.3.0/33")).line());
        assertEquals(1, assertThrows(IpFilter.IpFilterException.class, () -> IpFilter.parse("1.2.3.4 - ::1")).line());
        assertEquals(2, assertThrows(IpFilter.IpFilterException.class,
                () -> IpFilter.parse("\n1.2.3.0 - 1.2.3.9 , x , y")).line());
        assertEquals(1, assertThrows(IpFilter.IpFilterException.class, () -> IpFilter.parse("example.com")).line(),
                "host names are never looked up");
        assertEquals(1, assertThrows(IpFilter.IpFilterException.class,
                () -> IpFilter.parse("1".repeat(IpFilter.MAX_LINE + 1))).line());
    }

    @Test
    void builtInCode() throws Exception {
        IpFilter f = IpFilter.builder().block(ip("127.0.0.2"), ip("127.0.0.2")).build();
        assertTrue(f.blocks(ip("127.0.0.2")));
        assertFalse(f.blocks(ip("127.0.0.1")));
        assertFalse(IpFilter.NONE.blocks(ip("127.0.0.2")));
        assertThrows(IllegalArgumentException.class, () -> IpFilter.builder().block(ip("1.0.0.2"), ip("1.0.0.1")));
    }
}
