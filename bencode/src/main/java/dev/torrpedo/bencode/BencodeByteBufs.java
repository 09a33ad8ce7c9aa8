package dev.torrpedo.bencode;

import io.netty.buffer.ByteBuf;

/**
 * Canonical bencode straight into a Netty {@link ByteBuf}. Kept apart from
 * {@link BencodeEncoder} so that callers without Netty never load it.
 */
@SuppressWarnings("exports") // ByteBuf comes from the caller, who has Netty
public final class BencodeByteBufs {
    private BencodeByteBufs() {
    }

    /** Writes the canonical encoding of {@code value} at {@code out}'s writer index. */
    public static void encode(BValue value, ByteBuf out) {
        CanonicalWriter.write(new CanonicalWriter.Sink() {
            @Override
            public void write(byte b) {
                out.writeByte(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.writeBytes(b, off, len);
            }
        }, value);
    }
}
