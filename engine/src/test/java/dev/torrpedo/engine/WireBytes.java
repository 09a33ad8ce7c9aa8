package dev.torrpedo.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.OutputStream;

/** Writes what the wire module's encoders make to a plain blocking stream, for the hand-made peers of the tests. */
final class WireBytes {
    private WireBytes() {
    }

    /** Something that encodes into a buffer (a handshake, a message). */
    interface Encoder {
        void encode(ByteBuf b);
    }

    /** Encodes into a fresh heap buffer, writes its bytes to {@code out} and flushes; the buffer is released. */
    static void write(OutputStream out, Encoder e) throws IOException {
        ByteBuf b = Unpooled.buffer();
        try {
            e.encode(b);
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            out.write(bytes);
            out.flush();
        } finally {
            b.release();
        }
    }
}
