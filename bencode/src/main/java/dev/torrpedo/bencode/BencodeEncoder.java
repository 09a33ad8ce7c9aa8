package dev.torrpedo.bencode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes the canonical encoding of a value: dictionary keys in ascending byte order,
 * integers without leading zeros. A value decoded from canonical input is copied as it was
 * received, byte for byte.
 */
public final class BencodeEncoder {
    private BencodeEncoder() {
    }

    /** @return the canonical encoding of {@code value} */
    public static byte[] encode(BValue value) {
        Node n = (Node) value;
        if (n.doc.canonical) {
            return n.rawBytes();
        }
        CanonicalWriter.ArraySink sink = new CanonicalWriter.ArraySink(n.doc.rawEnd(n.token) - n.doc.rawStart(n.token));
        CanonicalWriter.write(sink, value);
        return sink.toByteArray();
    }

    /** Writes the canonical encoding of {@code value} to {@code out}. */
    public static void encode(BValue value, OutputStream out) throws IOException {
        try {
            CanonicalWriter.write(new CanonicalWriter.Sink() {
                @Override
                public void write(byte b) {
                    try {
                        out.write(b);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    try {
                        out.write(b, off, len);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, value);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
