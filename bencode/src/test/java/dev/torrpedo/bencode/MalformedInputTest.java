package dev.torrpedo.bencode;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every malformed input fails with a {@link BencodeException} that names the offset. */
class MalformedInputTest {

    static Stream<Arguments> strictFailures() {
        return Stream.of(
                // input, error, offset
                Arguments.of("", BencodeError.UNEXPECTED_EOF, 0),
                Arguments.of("i", BencodeError.UNEXPECTED_EOF, 1),
                Arguments.of("i12", BencodeError.UNEXPECTED_EOF, 3),
                Arguments.of("ie", BencodeError.INVALID_INTEGER, 1),
                Arguments.of("i-e", BencodeError.INVALID_INTEGER, 2),
                Arguments.of("i1x2e", BencodeError.INVALID_INTEGER, 2),
                Arguments.of("i+1e", BencodeError.INVALID_INTEGER, 1),
                Arguments.of("i--1e", BencodeError.INVALID_INTEGER, 2),
                Arguments.of("i-0e", BencodeError.NEGATIVE_ZERO, 0),
                Arguments.of("i03e", BencodeError.LEADING_ZERO, 0),
                Arguments.of("i00e", BencodeError.LEADING_ZERO, 0),
                Arguments.of("i9223372036854775808e", BencodeError.INTEGER_OVERFLOW, 0),
                Arguments.of("i-9223372036854775809e", BencodeError.INTEGER_OVERFLOW, 0),
                Arguments.of("i99999999999999999999999e", BencodeError.INTEGER_OVERFLOW, 0),
                Arguments.of("4:spa", BencodeError.UNEXPECTED_EOF, 2),
                Arguments.of("4", BencodeError.UNEXPECTED_EOF, 1),
                Arguments.of("4spam", BencodeError.EXPECTED_COLON, 1),
                Arguments.of("04:spam", BencodeError.LEADING_ZERO, 0),
                Arguments.of("99999999999:x", BencodeError.INTEGER_OVERFLOW, 0),
                Arguments.of("2147483647:x", BencodeError.UNEXPECTED_EOF, 11),
                Arguments.of("l", BencodeError.UNEXPECTED_EOF, 1),
                Arguments.of("l4:spam", BencodeError.UNEXPECTED_EOF, 7),
                Arguments.of("d", BencodeError.UNEXPECTED_EOF, 1),
                Arguments.of("d3:cow", BencodeError.UNEXPECTED_EOF, 6),
                Arguments.of("d3:cowe", BencodeError.EXPECTED_VALUE, 6),
                Arguments.of("di1ei2ee", BencodeError.KEY_NOT_STRING, 1),
                Arguments.of("dlei2ee", BencodeError.KEY_NOT_STRING, 1),
                Arguments.of("d1:bi1e1:ai1ee", BencodeError.UNSORTED_KEYS, 7),
                Arguments.of("d1:ai1e1:ai1ee", BencodeError.DUPLICATE_KEY, 7),
                Arguments.of("e", BencodeError.EXPECTED_VALUE, 0),
                Arguments.of("x", BencodeError.EXPECTED_VALUE, 0),
                Arguments.of("l-e", BencodeError.EXPECTED_VALUE, 1),
                Arguments.of("i1ei2e", BencodeError.TRAILING_DATA, 3),
                Arguments.of("lee", BencodeError.TRAILING_DATA, 2),
                Arguments.of("0:0:", BencodeError.TRAILING_DATA, 2));
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @MethodSource("strictFailures")
    void strictDecoderNamesTheErrorAndOffset(String input, BencodeError error, int offset) {
        BencodeException e = assertThrows(BencodeException.class,
                () -> BencodeDecoder.strict().decode(input.getBytes(US_ASCII)));
        assertEquals(error, e.error(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    static Stream<Arguments> lenientFailures() {
        return Stream.of(
                Arguments.of("i9223372036854775808e", BencodeError.INTEGER_OVERFLOW, 0),
                Arguments.of("d1:ai1e1:ai1ee", BencodeError.DUPLICATE_KEY, 7),
                Arguments.of("d1:bi1e1:ai1e1:bi2ee", BencodeError.DUPLICATE_KEY, 13),
                Arguments.of("i1ei2e", BencodeError.TRAILING_DATA, 3),
                Arguments.of("d3:cowe", BencodeError.EXPECTED_VALUE, 6));
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @MethodSource("lenientFailures")
    void lenientDecoderStillRejects(String input, BencodeError error, int offset) {
        BencodeException e = assertThrows(BencodeException.class,
                () -> BencodeDecoder.lenient().decode(input.getBytes(US_ASCII)));
        assertEquals(error, e.error(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("limits")
    void limitsAreCheckedBeforeAllocating(String input, BencodeLimits limits, BencodeError error, int offset) {
        BencodeException e = assertThrows(BencodeException.class,
                () -> BencodeDecoder.of(limits, BencodeMode.STRICT).decode(input.getBytes(US_ASCII)));
        assertEquals(error, e.error(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of("lllleeee", BencodeLimits.DEFAULT.withMaxDepth(3), BencodeError.DEPTH_EXCEEDED, 3),
                Arguments.of("li1ei2ei3ee", BencodeLimits.DEFAULT.withMaxTokens(3), BencodeError.TOKEN_LIMIT_EXCEEDED, 7),
                Arguments.of("4:spam", BencodeLimits.DEFAULT.withMaxInputSize(5), BencodeError.INPUT_TOO_LARGE, 5));
    }
}
