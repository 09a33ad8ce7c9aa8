package dev.torrpedo.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Random;

/**
 * Two {@link EmbeddedChannel}s joined like the two ends of a TCP connection: what one
 * writes is fed to the other, cut in random pieces; when one closes, the other does too.
 * Everything that crossed is kept in {@link #wireAtoB} and {@link #wireBtoA}.
 */
public final class ChannelPair {
    public final EmbeddedChannel a;
    public final EmbeddedChannel b;
    public final ByteBuf wireAtoB = Unpooled.buffer();
    public final ByteBuf wireBtoA = Unpooled.buffer();
    private final Random random;
    private final Wire.Feed feed;

    public ChannelPair(EmbeddedChannel a, EmbeddedChannel b, Random random) {
        this(a, b, Wire.Feed.RANDOM_SPLITS, random);
    }

    public ChannelPair(EmbeddedChannel a, EmbeddedChannel b, Wire.Feed feed, Random random) {
        this.a = a;
        this.b = b;
        this.feed = feed;
        this.random = random;
    }

    /** Moves bytes both ways until neither side has anything more to say. */
    public void pump() {
        for (int round = 0; round < 10_000; round++) {
            a.runPendingTasks();
            b.runPendingTasks();
            boolean moved = transfer(a, b, wireAtoB) | transfer(b, a, wireBtoA);
            if (!a.isOpen() && b.isOpen()) {
                b.close();
            }
            if (!b.isOpen() && a.isOpen()) {
                a.close();
            }
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("the two sides never went quiet");
    }

    private boolean transfer(EmbeddedChannel from, EmbeddedChannel to, ByteBuf record) {
        boolean moved = false;
        for (Object o = from.readOutbound(); o != null; o = from.readOutbound()) {
            moved = true;
            ByteBuf buf = (ByteBuf) o;
            record.writeBytes(buf, buf.readerIndex(), buf.readableBytes());
            byte[] bytes = Wire.bytes(buf);
            buf.release();
            for (byte[] part : Wire.cut(bytes, feed, random)) {
                if (to.isOpen()) {
                    to.writeInbound(Wire.tracked(part));
                }
            }
        }
        return moved;
    }

    /** Closes both ends, releasing what is left in them, and the recorded wire. */
    public void close() {
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
        wireAtoB.release();
        wireBtoA.release();
    }
}
