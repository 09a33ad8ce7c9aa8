package dev.torrpedo.dht.krpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer: any datagram either decodes to a message whose encoding decodes to a message
 * with the same encoding, or fails with {@link KrpcException}. {@code mvn verify} replays
 * the committed inputs in {@code KrpcDecoderFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to
 * fuzz.
 */
class KrpcDecoderFuzzTest {
    private static final KrpcDecoder DECODER = new KrpcDecoder(KrpcLimits.DEFAULT);
    private static final KrpcEncoder ENCODER = new KrpcEncoder(null);
    private static final KrpcMethod[] METHODS = KrpcMethod.values();

    /** Pretends some transaction ids are ours, each for a method derived from its first byte. */
    static KrpcMethod pending(byte[] tid) {
        return tid.length == 0 || tid[0] == 'z' ? null : METHODS[Math.floorMod(tid[0], METHODS.length)];
    }

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        KrpcMessage m;
        try {
            m = DECODER.decode(input, 0, input.length, KrpcDecoderFuzzTest::pending);
        } catch (KrpcException expected) {
            if (expected.offset() > input.length) {
                throw new AssertionError("offset " + expected.offset() + " beyond the input", expected);
            }
            return;
        }
        byte[] once = ENCODER.encode(m);
        KrpcMessage again = DECODER.decode(once, 0, once.length, KrpcDecoderFuzzTest::pending);
        if (!Arrays.equals(once, ENCODER.encode(again))) {
            throw new AssertionError("a decoded message changed in a round trip");
        }
    }
}
