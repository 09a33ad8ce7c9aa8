package dev.torrpedo.bencode;

/** A bencoded integer, signed 64 bits. */
public final class BInteger extends Node implements BValue {

    BInteger(TokenIndex doc, int token) {
        super(doc, token);
    }

    /** @return the integer {@code value} */
    public static BInteger of(long value) {
        CanonicalWriter.ArraySink sink = new CanonicalWriter.ArraySink(24);
        CanonicalWriter.writeLong(sink, value);
        return (BInteger) sink.decode();
    }

    @Override
    public Kind kind() {
        return Kind.INTEGER;
    }

    /** @return the value */
    public long value() {
        return doc.longValue(token);
    }

    /**
     * @return the value, if it lies in {@code [min, max]}
     * @throws BencodeException {@link BencodeError#VALUE_OUT_OF_RANGE} otherwise
     */
    public long value(long min, long max) {
        return checkRange(null, min, max);
    }

    long checkRange(String key, long min, long max) {
        long v = value();
        if (v < min || v > max) {
            throw new BencodeException(BencodeError.VALUE_OUT_OF_RANGE, offset(), key,
                    "value: " + v + " (expected: [" + min + ", " + max + "])");
        }
        return v;
    }
}
