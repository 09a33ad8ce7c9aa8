package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class HostPortProperties {

    @Property
    void ipAddressesRoundTrip(@ForAll @Size(value = 4) byte[] v4, @ForAll @Size(value = 16) byte[] v6,
            @ForAll @IntRange(min = 1, max = 65_535) int port) throws Exception {
        for (byte[] raw : new byte[][] {v4, v6}) {
            InetAddress address = InetAddress.getByAddress(raw);
            String host = address.getHostAddress();
            String text = raw.length == 16 ? "[" + host + "]:" + port : host + ":" + port;
            InetSocketAddress parsed = HostPort.parse(text).toSocketAddress();
            assertFalse(parsed.isUnresolved(), text);
            assertEquals(new InetSocketAddress(address, port), parsed, text);
        }
    }

    @Property
    void anyTextParsesOrSaysWhy(@ForAll @StringLength(max = 300) String text) {
        try {
            HostPort hp = HostPort.parse(text);
            assertEquals(hp, HostPort.parse(hp.toString()));
            assertTrue(hp.port() >= 1 && hp.port() <= 65_535);
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage().isBlank());
        }
    }
}
