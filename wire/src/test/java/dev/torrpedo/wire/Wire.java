package dev.torrpedo.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/** Test helpers: hex, and feeding a stream to a channel whole, byte by byte, or in random splits. */
public final class Wire {
    private Wire() {
    }

    /** How a stream is cut before it is fed. */
    public enum Feed { WHOLE, BYTE_BY_BYTE, RANDOM_SPLITS }

    /** @return the bytes of {@code hex}, spaces ignored */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** @return {@code bytes} as lower-case hex */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** @return the readable bytes of {@code buf} (indices unchanged) */
    public static byte[] bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        return b;
    }

    /** @return {@code data} cut as {@code feed} says; random cuts come from {@code random} */
    public static List<byte[]> cut(byte[] data, Feed feed, Random random) {
        List<byte[]> parts = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int n;
            switch (feed) {
                case WHOLE:
                    n = data.length;
                    break;
                case BYTE_BY_BYTE:
                    n = 1;
                    break;
                default:
                    n = 1 + random.nextInt(Math.min(data.length - i, 1 + random.nextInt(300)));
                    break;
            }
            n = Math.min(n, data.length - i);
            parts.add(java.util.Arrays.copyOfRange(data, i, i + n));
            i += n;
        }
        return parts;
    }

    /**
     * Feeds {@code data} to {@code channel} cut as {@code feed} says, each part in its own
     * {@linkplain #tracked(byte[]) leak-tracked} buffer; returns those buffers so that {@link #assertReleased(List)} can check them once
     * the messages decoded from them are released.
     */
    public static List<ByteBuf> feed(EmbeddedChannel channel, byte[] data, Feed feed, Random random) {
        List<ByteBuf> fed = new ArrayList<>();
        for (byte[] part : cut(data, feed, random)) {
            ByteBuf buf = tracked(part);
            fed.add(buf);
            if (!channel.isOpen()) {
                buf.release();
                continue;
            }
            channel.writeInbound(buf);
        }
        channel.runPendingTasks();
        return fed;
    }

    /** Fails unless every buffer in {@code fed} has been released. */
    public static void assertReleased(List<ByteBuf> fed) {
        for (ByteBuf b : fed) {
            if (b.refCnt() != 0) {
                throw new AssertionError("a fed buffer was not released: refCnt " + b.refCnt());
            }
        }
    }

    /**
     * @return a copy of {@code bytes} in a direct buffer of the default allocator: unlike an
     *         unpooled heap buffer, Netty's PARANOID leak detector tracks it
     */
    public static ByteBuf tracked(byte[] bytes) {
        return io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    /** @return every inbound message of {@code channel}, in order */
    public static List<Object> inbound(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add(o);
        }
        return out;
    }

    /** @return every outbound buffer of {@code channel} joined into one array, each released */
    public static byte[] outboundBytes(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            ByteBuf b = (ByteBuf) o;
            all.writeBytes(b);
            b.release();
        }
        byte[] out = bytes(all);
        all.release();
        return out;
    }

    /** Releases every reference-counted object in {@code messages}. */
    public static void release(List<Object> messages) {
        for (Object o : messages) {
            io.netty.util.ReferenceCountUtil.release(o);
        }
    }
}
