package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "192.0.2.7:6881, 192.0.2.7, 6881, 192.0.2.7:6881",
        "127.0.0.1:1, 127.0.0.1, 1, 127.0.0.1:1",
        "[2001:db8::7]:6881, 2001:db8::7, 6881, [2001:db8::7]:6881",
        "[::1]:65535, ::1, 65535, [::1]:65535",
        "[::ffff:192.0.2.7]:80, ::ffff:192.0.2.7, 80, [::ffff:192.0.2.7]:80",
        "Seed.Example:6881, seed.example, 6881, seed.example:6881",
        "localhost:51413, localhost, 51413, localhost:51413",
        "' a-b.c1.example.:9 ', a-b.c1.example., 9, a-b.c1.example.:9"})
    void parses(String text, String host, int port, String shown) {
        HostPort hp = HostPort.parse(text);
        assertEquals(new HostPort(host, port), hp);
        assertEquals(shown, hp.toString());
        assertEquals(hp, HostPort.parse(hp.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "6881", "host", "host:", ":6881", "host:0", "host:65536", "host:-1", "host:+80",
        "host:123456", "host:http", "::1:6881", "2001:db8::7:6881", "[::1]", "[::1]6881", "[::1:6881", "[zz]:1",
        "[]:1", "[192.0.2.7]:1", "300.1.1.1:1", "1.2.3:1", "1.2.3.4.5:1", "under_score.example:1", "-lead.example:1",
        "trail-.example:1", "a..b:1", "sp ace:1", "name. :1"})
    void refuses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void saysToBracketIpv6() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostPort.parse("::1:6881"));
        assertEquals("'::1:6881': put an IPv6 address in brackets, as [2001:db8::7]:6881", e.getMessage());
    }

    @Test
    void refusesOverlongNames() {
        String label = "a".repeat(64);
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse(label + ".example:1"));
        String name = ("a".repeat(63) + ".").repeat(4) + "b"; // 257 characters
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse(name + ":1"));
        assertEquals(63 + ".example".length(), HostPort.parse("a".repeat(63) + ".example:1").host().length());
    }

    @Test
    void literalsResolveWithoutALookupAndNamesStayUnresolved() throws Exception {
        InetSocketAddress v4 = HostPort.parse("192.0.2.7:6881").toSocketAddress();
        assertFalse(v4.isUnresolved());
        assertEquals(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7}), v4.getAddress());
        InetSocketAddress v6 = HostPort.parse("[2001:db8::7]:1").toSocketAddress();
        assertEquals(InetAddress.getByName("2001:db8::7"), v6.getAddress());
        InetSocketAddress name = HostPort.parse("seed.invalid:6881").toSocketAddress();
        assertTrue(name.isUnresolved());
        assertEquals("seed.invalid", name.getHostString());
        assertEquals(6881, name.getPort());
    }
}
