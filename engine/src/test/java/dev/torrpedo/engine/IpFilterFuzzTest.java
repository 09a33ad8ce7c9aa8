package dev.torrpedo.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer: any filter file either fails with {@link IpFilter.IpFilterException} naming a
 * line, or gives a filter whose lookups work. {@code mvn verify} replays the committed inputs
 * in {@code IpFilterFuzzTestInputs/}.
 */
class IpFilterFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) throws Exception {
        IpFilter f;
        try {
            f = IpFilter.parse(new String(input, StandardCharsets.UTF_8));
        } catch (IpFilter.IpFilterException expected) {
            if (expected.line() < 0) {
                throw new AssertionError("a negative line number", expected);
            }
            return;
        }
        f.blocks(InetAddress.getByAddress(new byte[] {1, 2, 3, 4}));
        f.blocks(InetAddress.getByAddress(new byte[16]));
        if (f.rangeCount() < 0) {
            throw new AssertionError("negative range count");
        }
    }
}
