package dev.torrpedo.bencode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bencoded byte string. The bytes stay bytes: {@link #utf8()} decodes them when the
 * caller knows they are text.
 */
public final class BString extends Node implements BValue, Comparable<BString> {

    BString(TokenIndex doc, int token) {
        super(doc, token);
    }

    /** @return a string holding a copy of {@code bytes} */
    public static BString of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** @return a string holding a copy of {@code bytes[off, off + len)} */
    public static BString of(byte[] bytes, int off, int len) {
        CanonicalWriter.ArraySink sink = new CanonicalWriter.ArraySink(len + 12);
        CanonicalWriter.writeString(sink, bytes, off, len);
        return (BString) sink.decode();
    }

    /** @return a string holding the UTF-8 encoding of {@code text} */
    public static BString of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Kind kind() {
        return Kind.STRING;
    }

    /** @return the number of bytes */
    public int length() {
        return doc.rawEnd(token) - doc.aux(token);
    }

    /** @return byte {@code i} */
    public byte byteAt(int i) {
        if (i < 0 || i >= length()) {
            throw new IndexOutOfBoundsException("index: " + i + " (expected: [0, " + length() + "))");
        }
        return doc.buf[doc.aux(token) + i];
    }

    /** @return a copy of the bytes */
    public byte[] bytes() {
        return Arrays.copyOfRange(doc.buf, doc.aux(token), doc.rawEnd(token));
    }

    /** @return a read-only view of the bytes, without copying them */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(doc.buf, doc.aux(token), length()).slice().asReadOnlyBuffer();
    }

    /** Copies the bytes into {@code dst} at {@code dstOff}. */
    public void copyTo(byte[] dst, int dstOff) {
        System.arraycopy(doc.buf, doc.aux(token), dst, dstOff, length());
    }

    /** @return the bytes decoded as UTF-8, malformed sequences replaced by U+FFFD */
    public String utf8() {
        return new String(doc.buf, doc.aux(token), length(), StandardCharsets.UTF_8);
    }

    /** @return whether the bytes are well-formed UTF-8 */
    public boolean isUtf8() {
        return Utf8.isWellFormed(doc.buf, doc.aux(token), doc.rawEnd(token));
    }

    /** @return whether the bytes equal {@code other} */
    public boolean contentEquals(byte[] other) {
        return Arrays.equals(doc.buf, doc.aux(token), doc.rawEnd(token), other, 0, other.length);
    }

    /** @return whether the bytes equal the UTF-8 encoding of {@code text} */
    public boolean contentEquals(String text) {
        return contentEquals(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Unsigned byte order, the order of dictionary keys. */
    @Override
    public int compareTo(BString o) {
        return Arrays.compareUnsigned(doc.buf, doc.aux(token), doc.rawEnd(token),
                o.doc.buf, o.doc.aux(o.token), o.doc.rawEnd(o.token));
    }
}
