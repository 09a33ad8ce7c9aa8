package dev.torrpedo.wire.extension;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torrpedo.wire.LimitExceededException;
import dev.torrpedo.wire.MalformedMessageException;
import dev.torrpedo.wire.WireLimits;
import java.util.Optional;

/**
 * Jazzer: the extended handshake, {@code ut_metadata} and {@code ut_pex} decoders fail only
 * in their declared ways, and what they decode survives a round trip. {@code mvn verify}
 * replays the committed inputs in {@code ExtensionFuzzTestInputs/}.
 */
class ExtensionFuzzTest {
    private static final WireLimits LIMITS = WireLimits.DEFAULT;

    @FuzzTest(maxDuration = "30s")
    void extendedHandshake(byte[] input) {
        roundTrip(ExtensionMessage.HANDSHAKE, input);
    }

    @FuzzTest(maxDuration = "30s")
    void utMetadata(byte[] input) {
        roundTrip(ExtensionMessage.UT_METADATA, input);
    }

    @FuzzTest(maxDuration = "30s")
    void utPex(byte[] input) {
        roundTrip(ExtensionMessage.UT_PEX, input);
    }

    private static void roundTrip(String name, byte[] input) {
        Optional<ExtensionMessage> m;
        try {
            m = ExtensionCodec.decode(name, input, LIMITS);
        } catch (MalformedMessageException | LimitExceededException expected) {
            return;
        }
        if (m.isPresent() && !m.equals(ExtensionCodec.decode(name, ExtensionCodec.encode(m.get()), LIMITS))) {
            throw new AssertionError(name + " changed in a round trip: " + m.get());
        }
    }
}
