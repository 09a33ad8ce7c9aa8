package dev.torrpedo.tracker.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torrpedo.tracker.TrackerError;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1",
        "169.254.1.1", "100.64.0.1", "100.127.0.1", "0.0.0.0", "0.1.2.3", "224.0.0.1", "::1", "::", "fe80::1",
        "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "ff02::1"})
    void localAddressesAreAllowedOnlyWhenTheSettingSaysSo(String ip) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        assertEquals(TrackerError.FORBIDDEN_ADDRESS,
                assertThrows(dev.torrpedo.tracker.TrackerException.class, () -> AddressPolicy.check(a, false, false)).error());
        assertDoesNotThrow(() -> AddressPolicy.check(a, true, false));
        // never after a public tracker redirected here, whatever the setting
        assertEquals(TrackerError.FORBIDDEN_ADDRESS,
                assertThrows(dev.torrpedo.tracker.TrackerException.class, () -> AddressPolicy.check(a, true, true)).error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.169.0.1", "2001:4860::8888",
        "::ffff:8.8.8.8"})
    void publicAddressesAreAlwaysAllowed(String ip) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        assertDoesNotThrow(() -> AddressPolicy.check(a, false, true));
    }
}
