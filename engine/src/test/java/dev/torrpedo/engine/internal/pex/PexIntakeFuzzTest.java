package dev.torrpedo.engine.internal.pex;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torrpedo.wire.WireException;
import dev.torrpedo.wire.WireLimits;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;

/**
 * Jazzer: a {@code ut_pex} payload of any bytes either fails the wire decoder with a
 * {@link WireException} or yields at most 50 distinct dialable addresses, whoever sent it.
 * {@code mvn verify} replays {@code PexIntakeFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class PexIntakeFuzzTest {
    private static final InetAddress REMOTE = InetAddress.getLoopbackAddress();

    @FuzzTest(maxDuration = "30s")
    void anyPayload(byte[] payload) {
        List<InetSocketAddress> got;
        try {
            got = PexIntake.accept(payload, REMOTE, WireLimits.DEFAULT);
        } catch (WireException expected) {
            return;
        }
        if (got.size() > PexIntake.MAX_PEERS_PER_MESSAGE || new HashSet<>(got).size() != got.size()) {
            throw new AssertionError("taken: " + got);
        }
        for (InetSocketAddress a : got) {
            if (a.getPort() == 0 || a.getAddress().isAnyLocalAddress() || a.getAddress().isMulticastAddress()) {
                throw new AssertionError("not dialable: " + a);
            }
        }
    }
}
