package dev.torrpedo.rpc.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Peer addresses: what {@link Shapes#address} writes, {@link PeerAddresses} reads back; junk is only ever -32602. */
class PeerAddressesProperties {

    @Property(tries = 300)
    void ipv4AddressesRoundTrip(@ForAll @Size(4) byte[] ip, @ForAll @IntRange(min = 1, max = 65535) int port)
            throws Exception {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByAddress(ip), port);
        assertEquals(List.of(a), PeerAddresses.resolve("peers", List.of(Shapes.address(a))));
    }

    @Property(tries = 300)
    void ipv6AddressesRoundTrip(@ForAll @Size(16) byte[] ip, @ForAll @IntRange(min = 1, max = 65535) int port)
            throws Exception {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getByAddress(ip), port);
        assertEquals(List.of(a), PeerAddresses.resolve("peers", List.of(Shapes.address(a))));
    }

    @Property(tries = 1000)
    void anyStringParsesOrIsAnInvalidParam(@ForAll String text) {
        try {
            InetSocketAddress a = PeerAddresses.parse("peers[0]", text);
            assertEquals(true, a.getPort() >= 1 && a.getPort() <= 65535);
        } catch (RpcException e) {
            assertEquals(RpcErrorCode.INVALID_PARAMS, e.code());
        }
    }
}
