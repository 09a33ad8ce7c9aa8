package dev.torrpedo.bencode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer: any input either decodes, in both modes, to a value that re-encodes and decodes
 * to itself, or fails with {@link BencodeException}. {@code mvn verify} replays the
 * committed inputs in {@code BencodeDecoderFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to
 * fuzz.
 */
class BencodeDecoderFuzzTest {
    private static final BencodeDecoder STRICT = BencodeDecoder.strict().withLimits(new BencodeLimits(1 << 20, 64, 100_000));
    private static final BencodeDecoder LENIENT = BencodeDecoder.lenient().withLimits(new BencodeLimits(1 << 20, 64, 100_000));

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        BValue strict = null;
        try {
            strict = STRICT.decode(input);
            if (!Arrays.equals(BencodeEncoder.encode(strict), input)) {
                throw new AssertionError("strict input did not re-encode to itself");
            }
        } catch (BencodeException expected) {
            // fine
        }
        try {
            BValue lenient = LENIENT.decode(input);
            BValue again = STRICT.decode(BencodeEncoder.encode(lenient));
            if (!again.equals(lenient)) {
                throw new AssertionError("lenient value changed in a round trip");
            }
            if (strict != null && !strict.equals(lenient)) {
                throw new AssertionError("strict and lenient disagree");
            }
        } catch (BencodeException expected) {
            if (strict != null) {
                throw new AssertionError("lenient rejected what strict accepted", expected);
            }
        }
    }
}
