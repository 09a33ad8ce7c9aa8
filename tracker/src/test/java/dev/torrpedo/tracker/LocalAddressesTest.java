package dev.torrpedo.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The public face of the tracker clients' address rule says what the rule says. */
class LocalAddressesTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1,true", "10.0.0.7,true", "192.168.1.1,true", "::1,true", "fd00::1,true",
        "::ffff:127.0.0.1,true", "8.8.8.8,false", "2001:4860::8888,false"})
    void sameAnswerAsTheTrackerClients(String ip, boolean local) throws Exception {
        assertEquals(local, LocalAddresses.isLocal(InetAddress.getByName(ip)));
    }
}
