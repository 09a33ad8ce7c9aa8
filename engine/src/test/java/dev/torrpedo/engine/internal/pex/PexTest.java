package dev.torrpedo.engine.internal.pex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.wire.WireLimits;
import dev.torrpedo.wire.extension.ExtensionCodec;
import dev.torrpedo.wire.extension.Pex;
import dev.torrpedo.wire.extension.PexPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What we take from a PEX message and what we send, golden cases. */
class PexTest {
    private static final long MINUTE = PexOutbox.INTERVAL_NANOS;

    private static InetSocketAddress at(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress ip(String s) {
        return at(s, 1).getAddress();
    }

    @Test
    void atMostFiftyPeersOfAMessageAreTakenInOrderWithoutDuplicates() {
        List<PexPeer> added = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            added.add(new PexPeer(at("8.8." + (i / 200) + "." + (i % 200 + 1), 6881), 0));
        }
        added.add(0, new PexPeer(at("8.8.0.1", 6881), 2)); // a duplicate of the first
        List<InetSocketAddress> got = PexIntake.accept(new Pex(added, List.of()), ip("9.9.9.9"));
        assertEquals(PexIntake.MAX_PEERS_PER_MESSAGE, got.size());
        assertEquals(at("8.8.0.1", 6881), got.get(0));
        assertEquals(at("8.8.0.50", 6881), got.get(49));
    }

    @Test
    void uselessAndLocalAddressesAreDroppedUnlessTheSenderIsLocalToo() {
        List<PexPeer> added = List.of(
                new PexPeer(at("1.2.3.4", 0), 0),             // port 0
                new PexPeer(at("0.0.0.0", 6881), 0),          // unspecified
                new PexPeer(at("224.0.0.1", 6881), 0),        // multicast
                new PexPeer(at("255.255.255.255", 6881), 0),  // broadcast
                new PexPeer(at("127.0.0.1", 6881), 0),        // loopback
                new PexPeer(at("192.168.1.7", 6881), 0),      // private
                new PexPeer(at("fd00::1", 6881), 0),          // IPv6 unique local
                new PexPeer(at("2001:db8::1", 6881), 0),      // a global IPv6 address
                new PexPeer(at("5.6.7.8", 51413), 0));
        Pex pex = new Pex(added, List.of(new PexPeer(at("5.6.7.9", 1), 0)));
        assertEquals(List.of(at("2001:db8::1", 6881), at("5.6.7.8", 51413)), PexIntake.accept(pex, ip("9.9.9.9")));
        assertEquals(List.of(at("127.0.0.1", 6881), at("192.168.1.7", 6881), at("fd00::1", 6881),
                at("2001:db8::1", 6881), at("5.6.7.8", 51413)), PexIntake.accept(pex, ip("192.168.1.2")));
    }

    @Test
    void aPayloadIsDecodedWithTheWireLimitsFirst() {
        Pex pex = new Pex(List.of(new PexPeer(at("5.6.7.8", 6881), PexPeer.SEED)), List.of());
        byte[] payload = ExtensionCodec.encode(pex);
        assertEquals(List.of(at("5.6.7.8", 6881)), PexIntake.accept(payload, ip("1.1.1.1"), WireLimits.DEFAULT));
    }

    @Test
    void theFirstMessageListsEveryPeerThenOnlyChangesAtMostOnceAMinute() {
        PexOutbox out = new PexOutbox();
        Map<InetSocketAddress, Integer> current = new LinkedHashMap<>();
        assertNull(out.next(current, 0), "nothing to say");
        current.put(at("1.1.1.1", 1), PexPeer.SEED);
        current.put(at("2.2.2.2", 2), 0);
        Pex first = out.next(current, 5);
        assertEquals(List.of(new PexPeer(at("1.1.1.1", 1), PexPeer.SEED), new PexPeer(at("2.2.2.2", 2), 0)),
                first.added());
        assertEquals(List.of(), first.dropped());
        current.remove(at("1.1.1.1", 1));
        current.put(at("3.3.3.3", 3), PexPeer.REACHABLE);
        assertNull(out.next(current, 5 + MINUTE - 1), "not within a minute of the last one");
        Pex second = out.next(current, 5 + MINUTE);
        assertEquals(List.of(new PexPeer(at("3.3.3.3", 3), PexPeer.REACHABLE)), second.added());
        assertEquals(List.of(new PexPeer(at("1.1.1.1", 1), 0)), second.dropped());
        assertNull(out.next(current, 5 + 3 * MINUTE), "nothing changed");
        assertEquals(2, out.told());
    }

    @Test
    void aBigChangeIsToldFiftyPeersAMinute() {
        PexOutbox out = new PexOutbox();
        Map<InetSocketAddress, Integer> current = new LinkedHashMap<>();
        for (int i = 0; i < 120; i++) {
            current.put(at("10.0." + (i / 250) + "." + (i % 250 + 1), 6881), 0);
        }
        long now = 0;
        int told = 0;
        for (int round = 0; round < 3; round++) {
            Pex m = out.next(current, now);
            assertTrue(m.added().size() <= PexOutbox.MAX_PEERS_PER_MESSAGE);
            told += m.added().size();
            now += MINUTE;
        }
        assertEquals(120, told);
        current.clear();
        Pex drops = out.next(current, now);
        assertEquals(PexOutbox.MAX_PEERS_PER_MESSAGE, drops.dropped().size());
        assertEquals(70, out.told());
    }
}
