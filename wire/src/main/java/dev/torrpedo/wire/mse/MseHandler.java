package dev.torrpedo.wire.mse;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.wire.internal.MseDiffieHellman;
import dev.torrpedo.wire.internal.Rc4;
import dev.torrpedo.wire.internal.Sha1;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * What both MSE/PE sides share: the cumulation of handshake bytes, the writes held back
 * until the crypto is settled, and, once RC4 is selected, decrypting every read in place
 * and encrypting every write into a new buffer (a written buffer may be shared, such as a
 * cached block, so it is never changed).
 */
abstract class MseHandler extends ChannelDuplexHandler {
    /** Largest padding either side may send. */
    static final int MAX_PADDING = 512;
    static final int VC_LENGTH = 8;

    final EncryptionPolicy policy;
    final SecureRandom random;
    ByteBuf in;
    Rc4 encrypt;
    Rc4 decrypt;
    private boolean rc4;
    private boolean finished;
    private boolean failed;
    private final ArrayDeque<Object[]> pending = new ArrayDeque<>();

    MseHandler(EncryptionPolicy policy, SecureRandom random) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Advances the handshake with the bytes in {@link #in}; throws {@link EncryptionException} on failure. */
    abstract void step(ChannelHandlerContext ctx);

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        in = ctx.alloc().buffer(1024);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (rc4) {
            decrypt.processInPlace(buf, buf.readerIndex(), buf.readableBytes());
            ctx.fireChannelRead(buf);
            return;
        }
        try {
            if (failed) {
                return;
            }
            in.writeBytes(buf);
        } finally {
            buf.release();
        }
        try {
            step(ctx);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (rc4) {
            ctx.write(encrypted(ctx, msg), promise);
        } else if (finished) {
            ctx.write(msg, promise); // plaintext selected; reached only while leaving the pipeline
        } else {
            pending.add(new Object[] {msg, promise});
        }
    }

    private Object encrypted(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf src)) {
            ReferenceCountUtil.release(msg);
            throw new IllegalArgumentException("MSE/PE encrypts ByteBufs only, not " + msg.getClass().getName());
        }
        try {
            ByteBuf dst = ctx.alloc().buffer(src.readableBytes());
            encrypt.process(src, dst);
            return dst;
        } finally {
            src.release();
        }
    }

    /** @return the pending write at the head if it is a ByteBuf of at most {@code max} bytes, else null */
    ByteBuf peekPendingBuf(int max) {
        Object[] head = pending.peek();
        if (head != null && head[0] instanceof ByteBuf b && b.readableBytes() <= max) {
            return b;
        }
        return null;
    }

    /** Removes the head of the pending writes and returns its promise. */
    ChannelPromise pollPendingPromise() {
        return (ChannelPromise) pending.poll()[1];
    }

    /**
     * The crypto is settled: release what was held back, tell the pipeline, and pass on
     * whatever followed the handshake in {@link #in}; with plaintext, leave the pipeline.
     * Writes made meanwhile (a reply to the data passed on) go straight through.
     *
     * @param initialPayload bytes the handshake carried for the next handler (responder's IA), or null
     */
    void established(ChannelHandlerContext ctx, CryptoMethod method, InfoHash infoHash, boolean encrypted,
                     ByteBuf initialPayload) {
        finished = true;
        rc4 = method == CryptoMethod.RC4;
        // held-back writes go first, so that writes made while the rest is handled come after them
        while (!pending.isEmpty()) {
            Object[] w = pending.poll();
            if (rc4) {
                ctx.write(encrypted(ctx, w[0]), (ChannelPromise) w[1]);
            } else {
                ctx.write(w[0], (ChannelPromise) w[1]);
            }
        }
        ctx.flush();
        ctx.fireUserEventTriggered(new EncryptionEstablished(method, encrypted, infoHash));
        if (initialPayload != null && initialPayload.isReadable()) {
            ctx.fireChannelRead(initialPayload);
        } else if (initialPayload != null) {
            initialPayload.release();
        }
        ByteBuf rest = in;
        in = null;
        if (rest.isReadable()) {
            if (rc4) {
                decrypt.processInPlace(rest, rest.readerIndex(), rest.readableBytes());
            }
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
        ctx.fireChannelReadComplete();
        if (!rc4) {
            ctx.pipeline().remove(this);
        }
    }

    boolean isFinished() {
        return finished;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (in != null) {
            in.release();
            in = null;
        }
        failPending(new EncryptionException("mse", "handler removed before the handshake finished"));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        failPending(new EncryptionException("mse", "connection closed during the MSE/PE handshake"));
        super.channelInactive(ctx);
    }

    private void failPending(Throwable cause) {
        while (!pending.isEmpty()) {
            Object[] w = pending.poll();
            ReferenceCountUtil.release(w[0]);
            ((ChannelPromise) w[1]).tryFailure(cause);
        }
    }

    /** Writes our public key and 0 to 512 random bytes of padding. */
    void writePublicKey(ChannelHandlerContext ctx, MseDiffieHellman dh) {
        int pad = random.nextInt(MAX_PADDING + 1);
        ByteBuf out = ctx.alloc().buffer(MseDiffieHellman.KEY_LENGTH + pad);
        out.writeBytes(dh.publicKey());
        byte[] padding = new byte[pad];
        random.nextBytes(padding);
        out.writeBytes(padding);
        ctx.writeAndFlush(out);
    }

    /** @return the shared secret, or an {@link EncryptionException} for an invalid key */
    static byte[] sharedSecret(MseDiffieHellman dh, byte[] remote) {
        try {
            return dh.sharedSecret(remote);
        } catch (IllegalArgumentException e) {
            throw new EncryptionException("public key", "not a valid Diffie-Hellman public key");
        }
    }

    /** The RC4 of one direction: {@code HASH(name, S, SKEY)}, 1024 bytes discarded. */
    static Rc4 cipher(String name, byte[] secret, byte[] skey) {
        return new Rc4(Sha1.hash(ascii(name), secret, skey));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @return the offset from the reader index of {@code pattern} in {@link #in}, searching
     *         starts at offsets 0 to {@code maxOffset}; -1 if not (yet) found
     * @throws EncryptionException if it cannot be found any more
     */
    int sync(byte[] pattern, int maxOffset, String what) {
        int r = in.readerIndex();
        int avail = in.readableBytes();
        int last = Math.min(maxOffset, avail - pattern.length);
        outer:
        for (int i = 0; i <= last; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (in.getByte(r + i + j) != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        if (avail >= maxOffset + pattern.length) {
            throw new EncryptionException(what, "not found within " + (maxOffset + pattern.length) + " bytes");
        }
        return -1;
    }

    /** Decrypts the next {@code n} bytes of {@link #in} into a new array, consuming them. */
    byte[] readDecrypted(int n) {
        byte[] b = new byte[n];
        in.readBytes(b);
        decrypt.process(b, 0, n, b, 0);
        return b;
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static int u32(byte[] b, int off) {
        return ((b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }
}
