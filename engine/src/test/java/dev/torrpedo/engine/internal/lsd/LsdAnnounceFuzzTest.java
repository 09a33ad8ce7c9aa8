package dev.torrpedo.engine.internal.lsd;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer: any datagram on the LSD group either parses to an announce that encodes and parses
 * back to itself, or fails with {@link LsdFormatException}. {@code mvn verify} replays
 * {@code LsdAnnounceFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class LsdAnnounceFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyDatagram(byte[] datagram) {
        LsdAnnounce a;
        try {
            a = LsdAnnounce.parse(datagram);
        } catch (LsdFormatException expected) {
            if (expected.offset() < 0 || expected.offset() > datagram.length) {
                throw new AssertionError("offset out of the datagram: " + expected.getMessage());
            }
            return;
        }
        byte[] again = a.encode("239.192.152.143:6771");
        if (again.length <= LsdAnnounce.MAX_DATAGRAM && !LsdAnnounce.parse(again).equals(a)) {
            throw new AssertionError("no round trip: " + a + " / " + Arrays.toString(again));
        }
    }
}
