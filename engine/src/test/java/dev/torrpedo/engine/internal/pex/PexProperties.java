package dev.torrpedo.engine.internal.pex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.wire.extension.Pex;
import dev.torrpedo.wire.extension.PexPeer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * PEX invariants: the peer's picture, built from our messages alone, converges to our peer
 * set; no message carries more than 50 added or 50 dropped peers, nor comes within a minute
 * of the last; what we take from any message is at most 50 distinct dialable addresses.
 */
class PexProperties {

    private static InetSocketAddress peer(int n) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 20, (byte) (n >> 16), (byte) (n >> 8),
                    (byte) n}), 1000 + n % 60000);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Property(tries = 200)
    void theReceiversPictureConvergesToOurPeers(@ForAll @Size(max = 30) List<@Size(max = 200) Set<@IntRange(max = 400)
            Integer>> sets) {
        PexOutbox out = new PexOutbox();
        Set<InetSocketAddress> picture = new HashSet<>();
        long now = 0;
        long last = Long.MIN_VALUE;
        Map<InetSocketAddress, Integer> current = new LinkedHashMap<>();
        for (Set<Integer> s : sets) {
            current = new LinkedHashMap<>();
            for (int n : s) {
                current.put(peer(n), n & 0x1F);
            }
            now += PexOutbox.INTERVAL_NANOS / 2;
            Pex m = out.next(current, now);
            if (m != null) {
                assertTrue(last == Long.MIN_VALUE || now - last >= PexOutbox.INTERVAL_NANOS);
                last = now;
                apply(picture, m);
            }
        }
        for (int i = 0; i < 20; i++) { // the set stays: within a few minutes the peer knows it exactly
            now += PexOutbox.INTERVAL_NANOS;
            Pex m = out.next(current, now);
            if (m != null) {
                apply(picture, m);
            }
        }
        assertEquals(current.keySet(), picture);
        assertEquals(current.size(), out.told());
    }

    private static void apply(Set<InetSocketAddress> picture, Pex m) {
        assertTrue(m.added().size() <= PexOutbox.MAX_PEERS_PER_MESSAGE);
        assertTrue(m.dropped().size() <= PexOutbox.MAX_PEERS_PER_MESSAGE);
        for (PexPeer p : m.added()) {
            assertTrue(picture.add(p.address()), "told twice: " + p);
        }
        for (PexPeer p : m.dropped()) {
            assertTrue(picture.remove(p.address()), "dropped unknown: " + p);
        }
    }

    @Property(tries = 300)
    void whatWeTakeIsBoundedDistinctAndDialable(@ForAll @Size(max = 300) List<@IntRange(max = 2000) Integer> added,
                                                @ForAll boolean senderLocal) throws UnknownHostException {
        List<PexPeer> peers = added.stream().map(n -> new PexPeer(n % 7 == 0 ? new InetSocketAddress(
                InetAddress.getLoopbackAddress(), n) : peer(n), 0)).toList();
        InetAddress from = senderLocal ? InetAddress.getByName("192.168.0.2") : InetAddress.getByName("9.9.9.9");
        List<InetSocketAddress> got = PexIntake.accept(new Pex(peers, List.of()), from);
        assertTrue(got.size() <= PexIntake.MAX_PEERS_PER_MESSAGE);
        assertEquals(got.size(), new HashSet<>(got).size());
        for (InetSocketAddress a : got) {
            assertTrue(a.getPort() > 0);
            assertTrue(senderLocal || !a.getAddress().isLoopbackAddress());
        }
    }
}
