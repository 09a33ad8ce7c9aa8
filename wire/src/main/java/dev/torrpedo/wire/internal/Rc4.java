package dev.torrpedo.wire.internal;

import io.netty.buffer.ByteBuf;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * RC4 as MSE/PE uses it: Bouncy Castle's engine, keyed with a 20-byte SHA-1, the first 1024
 * bytes of keystream discarded. One instance per direction of one connection; not
 * thread-safe (it lives on the connection's event loop).
 */
public final class Rc4 {
    /** Keystream bytes thrown away after keying (MSE/PE: "RC4-drop1024"). */
    public static final int DISCARD = 1024;

    private final RC4Engine engine = new RC4Engine();
    private byte[] scratch;

    /** @param key the RC4 key */
    public Rc4(byte[] key) {
        engine.init(true, new KeyParameter(key));
        byte[] drop = new byte[DISCARD];
        engine.processBytes(drop, 0, DISCARD, drop, 0);
    }

    /** Transforms {@code len} bytes of {@code in} into {@code out}; the two ranges may be the same. */
    public void process(byte[] in, int inOff, int len, byte[] out, int outOff) {
        engine.processBytes(in, inOff, len, out, outOff);
    }

    /** @return the transform of {@code in}, a new array */
    public byte[] process(byte[] in) {
        byte[] out = new byte[in.length];
        engine.processBytes(in, 0, in.length, out, 0);
        return out;
    }

    /** Transforms {@code buf[index, index + len)} in place; indices are not moved. */
    public void processInPlace(ByteBuf buf, int index, int len) {
        if (buf.hasArray()) {
            int off = buf.arrayOffset() + index;
            engine.processBytes(buf.array(), off, len, buf.array(), off);
            return;
        }
        byte[] s = scratch();
        for (int done = 0; done < len; ) {
            int n = Math.min(s.length, len - done);
            buf.getBytes(index + done, s, 0, n);
            engine.processBytes(s, 0, n, s, 0);
            buf.setBytes(index + done, s, 0, n);
            done += n;
        }
    }

    /** Reads the readable bytes of {@code src} (moving its reader index) and writes their transform to {@code dst}. */
    public void process(ByteBuf src, ByteBuf dst) {
        int len = src.readableBytes();
        dst.ensureWritable(len);
        if (src.hasArray() && dst.hasArray()) {
            engine.processBytes(src.array(), src.arrayOffset() + src.readerIndex(), len,
                    dst.array(), dst.arrayOffset() + dst.writerIndex());
            src.skipBytes(len);
            dst.writerIndex(dst.writerIndex() + len);
            return;
        }
        byte[] s = scratch();
        while (src.isReadable()) {
            int n = Math.min(s.length, src.readableBytes());
            src.readBytes(s, 0, n);
            engine.processBytes(s, 0, n, s, 0);
            dst.writeBytes(s, 0, n);
        }
    }

    private byte[] scratch() {
        if (scratch == null) {
            scratch = new byte[8192];
        }
        return scratch;
    }
}
