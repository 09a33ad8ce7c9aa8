package dev.torrpedo.bencode;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** What every value view shares: its document and token, raw bytes, equality, text. */
abstract class Node {
    private static final int TO_STRING_LIMIT = 200;

    final TokenIndex doc;
    final int token;

    Node(TokenIndex doc, int token) {
        this.doc = doc;
        this.token = token;
    }

    public ByteBuffer raw() {
        int start = doc.rawStart(token);
        return ByteBuffer.wrap(doc.buf, start, doc.rawEnd(token) - start).slice().asReadOnlyBuffer();
    }

    public byte[] rawBytes() {
        return Arrays.copyOfRange(doc.buf, doc.rawStart(token), doc.rawEnd(token));
    }

    public int offset() {
        return doc.rawStart(token) - doc.base;
    }

    /** The canonical encoding: the raw span when the document is canonical. */
    final byte[] canonicalBytes() {
        return doc.canonical ? rawBytes() : CanonicalWriter.toBytes(doc, token);
    }

    @Override
    public final boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Node other)) {
            return false;
        }
        if (doc.canonical && other.doc.canonical) {
            return Arrays.equals(doc.buf, doc.rawStart(token), doc.rawEnd(token),
                    other.doc.buf, other.doc.rawStart(other.token), other.doc.rawEnd(other.token));
        }
        return Arrays.equals(canonicalBytes(), other.canonicalBytes());
    }

    @Override
    public final int hashCode() {
        if (!doc.canonical) {
            return Arrays.hashCode(canonicalBytes());
        }
        int h = 1;
        for (int i = doc.rawStart(token), end = doc.rawEnd(token); i < end; i++) {
            h = 31 * h + doc.buf[i];
        }
        return h;
    }

    /** The raw bytes as text, printable ASCII kept and the rest escaped, cut at 200 characters. */
    @Override
    public final String toString() {
        StringBuilder sb = new StringBuilder();
        int end = doc.rawEnd(token);
        for (int i = doc.rawStart(token); i < end; i++) {
            if (sb.length() >= TO_STRING_LIMIT) {
                sb.append("...");
                break;
            }
            int b = doc.buf[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.toString();
    }

    static BencodeException wrongType(BValue value, String key, BValue.Kind expected) {
        return new BencodeException(BencodeError.WRONG_TYPE, value.offset(), key,
                "expected " + expected.name().toLowerCase(java.util.Locale.ROOT)
                        + ", found " + value.kind().name().toLowerCase(java.util.Locale.ROOT));
    }
}
