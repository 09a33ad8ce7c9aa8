package dev.torrpedo.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes our {@link Handshake} (68 bytes), then removes itself from the pipeline: a
 * connection sends exactly one.
 */
public final class HandshakeEncoder extends MessageToByteEncoder<Handshake> {
    private boolean sent;

    /** Creates the encoder. */
    public HandshakeEncoder() {
        super(Handshake.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Handshake msg, ByteBuf out) {
        msg.encode(out);
        sent = true;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        super.write(ctx, msg, promise);
        if (sent) {
            ctx.pipeline().remove(this);
        }
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Handshake msg, boolean preferDirect) {
        return ctx.alloc().buffer(Handshake.LENGTH, Handshake.LENGTH);
    }
}
