package dev.torrpedo.rpc.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The {@code peers} of torrent.add: host:port, IPv4, bracketed IPv6; anything else names the entry at fault. */
class PeerAddressesTest {

    @Test
    void literalsAndLoopbackNamesResolve() throws Exception {
        List<InetSocketAddress> a = PeerAddresses.resolve("peers", List.of("192.0.2.7:6881", "[2001:db8::7]:51413",
                " 127.0.0.1:1 ", "localhost:65535"));
        assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 6881), a.get(0));
        assertEquals(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 51413), a.get(1));
        assertEquals(1, a.get(2).getPort());
        assertEquals(65535, a.get(3).getPort());
        assertEquals(List.of(), PeerAddresses.resolve("peers", null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "host", "host:", ":80", "host:0", "host:65536", "host:-1", "host:8o", "a:b:c",
        "2001:db8::7:80", "[2001:db8::7]", "[2001:db8::7]80", "[]:80", "[zz::1]:80", "ho st:80", "host:123456",
        "h\u00e9:80", "[::1]:"})
    void malformedAddressesAreInvalidParamsNamingTheEntry(String bad) {
        RpcException e = assertThrows(RpcException.class, () -> PeerAddresses.resolve("peers", List.of("1.2.3.4:5", bad)));
        assertEquals(RpcErrorCode.INVALID_PARAMS, e.code());
        assertEquals(Map.of("param", "peers[1]"), e.data());
    }

    @Test
    void tooManyPeersAreRefusedBeforeAnyIsResolved() {
        List<String> many = new ArrayList<>(Collections.nCopies(PeerAddresses.MAX + 1, "no-such-host.invalid:1"));
        RpcException e = assertThrows(RpcException.class, () -> PeerAddresses.resolve("peers", many));
        assertEquals(Map.of("param", "peers"), e.data());
    }

    @Test
    void aNameThatDoesNotResolveIsAnInvalidParam() {
        RpcException e = assertThrows(RpcException.class,
                () -> PeerAddresses.resolve("peers", List.of("no-such-host.invalid:6881")));
        assertEquals(Map.of("param", "peers[0]"), e.data());
    }
}
