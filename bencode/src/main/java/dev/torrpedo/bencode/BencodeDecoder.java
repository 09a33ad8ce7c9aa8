package dev.torrpedo.bencode;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Decodes bencode in one iterative pass into a flat token index over the caller's bytes,
 * and returns the root as a {@link BValue} view. Immutable and thread-safe.
 *
 * <pre>{@code
 * BDictionary torrent = BencodeDecoder.lenient().decode(bytes).asDictionary();
 * ByteBuffer info = torrent.getDictionary("info").raw();   // hash these bytes
 * }</pre>
 *
 * Strings are not copied: the values read the input array, which must not change while
 * they are in use. A direct {@link ByteBuffer} is copied once into an array.
 */
public final class BencodeDecoder {
    private static final BencodeDecoder STRICT = new BencodeDecoder(BencodeLimits.DEFAULT, BencodeMode.STRICT);
    private static final BencodeDecoder LENIENT = new BencodeDecoder(BencodeLimits.DEFAULT, BencodeMode.LENIENT);

    private final BencodeLimits limits;
    private final BencodeMode mode;

    private BencodeDecoder(BencodeLimits limits, BencodeMode mode) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** @return a strict decoder with {@link BencodeLimits#DEFAULT} */
    public static BencodeDecoder strict() {
        return STRICT;
    }

    /** @return a lenient decoder with {@link BencodeLimits#DEFAULT} */
    public static BencodeDecoder lenient() {
        return LENIENT;
    }

    /** @return a decoder with these limits and this mode */
    public static BencodeDecoder of(BencodeLimits limits, BencodeMode mode) {
        return new BencodeDecoder(limits, mode);
    }

    /** @return this decoder with other limits */
    public BencodeDecoder withLimits(BencodeLimits newLimits) {
        return new BencodeDecoder(newLimits, mode);
    }

    /** @return the limits */
    public BencodeLimits limits() {
        return limits;
    }

    /** @return the mode */
    public BencodeMode mode() {
        return mode;
    }

    /**
     * Decodes all of {@code input}, which must hold exactly one value.
     *
     * @throws BencodeException for malformed input, a breached limit or trailing bytes
     */
    public BValue decode(byte[] input) {
        return decode(input, 0, input.length);
    }

    /** Decodes {@code input[off, off + len)}, which must hold exactly one value. */
    public BValue decode(byte[] input, int off, int len) {
        return TokenIndex.scan(input, off, len, limits, mode, false).view(0);
    }

    /** Decodes the remaining bytes of {@code input}; its position is not changed. */
    public BValue decode(ByteBuffer input) {
        if (input.hasArray()) {
            return decode(input.array(), input.arrayOffset() + input.position(), input.remaining());
        }
        checkSize(input.remaining());
        byte[] copy = new byte[input.remaining()];
        input.duplicate().get(copy);
        return decode(copy);
    }

    /**
     * Decodes the one value at the start of {@code input[off, off + len)} and says where it
     * ends: for messages where raw bytes follow a dictionary (BEP 9 {@code ut_metadata}).
     */
    public Prefix decodePrefix(byte[] input, int off, int len) {
        TokenIndex doc = TokenIndex.scan(input, off, len, limits, mode, true);
        return new Prefix(doc.view(0), doc.end - off);
    }

    private void checkSize(int len) {
        if (len > limits.maxInputSize()) {
            throw BencodeException.at(BencodeError.INPUT_TOO_LARGE, limits.maxInputSize(),
                    "input: " + len + " bytes (expected: <= " + limits.maxInputSize() + ")");
        }
    }

    /**
     * A value decoded from the start of a range.
     *
     * @param value  the value
     * @param length how many bytes of the range it took
     */
    public record Prefix(BValue value, int length) {
    }
}
