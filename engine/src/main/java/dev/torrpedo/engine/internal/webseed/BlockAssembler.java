package dev.torrpedo.engine.internal.webseed;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.function.LongToIntFunction;

/**
 * Cuts the bytes of a run of blocks, contiguous in the torrent, as they arrive from however
 * many replies (one per file the run spans, pad bytes given as zeros), into whole blocks:
 * each block is copied once into a buffer of its own and handed to the sink, which owns it.
 * At most one block is held here at a time, so memory stays bounded whatever the server sends.
 *
 * <p>Not thread-safe: one event loop.
 */
final class BlockAssembler {
    /** Receives each complete block (and owns the buffer). */
    interface Sink {
        void block(long address, ByteBuf data);
    }

    private final ByteBufAllocator alloc;
    private final long[] blocks;
    private final LongToIntFunction length;
    private int next;
    private ByteBuf current;

    /**
     * @param blocks the run's block addresses, in torrent order (copied)
     * @param length a block's length by its address
     */
    BlockAssembler(ByteBufAllocator alloc, long[] blocks, LongToIntFunction length) {
        this.alloc = alloc;
        this.blocks = Arrays.copyOf(blocks, blocks.length);
        this.length = length;
    }

    /** @return bytes still expected */
    long remaining() {
        long n = current == null ? 0 : current.writableBytes();
        for (int i = current == null ? next : next + 1; i < blocks.length; i++) {
            n += length.applyAsInt(blocks[i]);
        }
        return n;
    }

    /**
     * Takes the readable bytes of {@code in} (not released here).
     *
     * @throws IllegalStateException if they go past the run
     */
    void append(ByteBuf in, Sink sink) {
        while (in.isReadable()) {
            ByteBuf b = target();
            int n = Math.min(in.readableBytes(), b.writableBytes());
            b.writeBytes(in, n);
            emitIfFull(sink);
        }
    }

    /** Takes {@code n} zero bytes (a pad file's part of the run). */
    void zeros(long n, Sink sink) {
        long left = n;
        while (left > 0) {
            ByteBuf b = target();
            int k = (int) Math.min(left, b.writableBytes());
            b.writeZero(k);
            left -= k;
            emitIfFull(sink);
        }
    }

    /** @return whether every block of the run was handed over */
    boolean done() {
        return next == blocks.length && current == null;
    }

    /** Drops a partial block (the run failed). */
    void discard() {
        if (current != null) {
            current.release();
            current = null;
        }
    }

    private ByteBuf target() {
        if (current == null) {
            if (next >= blocks.length) {
                throw new IllegalStateException("more bytes than the run of " + blocks.length + " blocks");
            }
            int len = length.applyAsInt(blocks[next]);
            current = alloc.buffer(len, len);
        }
        return current;
    }

    private void emitIfFull(Sink sink) {
        if (current != null && !current.isWritable()) {
            ByteBuf done = current;
            current = null;
            sink.block(blocks[next++], done);
        }
    }
}
