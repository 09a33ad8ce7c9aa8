package dev.torrpedo.engine.internal.webseed;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torrpedo.engine.internal.picker.BlockAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * Jazzer: a web seed's reply, as a server may send it: any status, any {@code Content-Range},
 * {@code Content-Length} and {@code Location}, then a body cut into any chunks. The verdict
 * never throws; an accepted body is cut into blocks of exactly the run's sizes, never more
 * bytes than the run, and every buffer is released. {@code mvn verify} replays the committed
 * inputs in {@code WebSeedReplyFuzzTestInputs/}.
 */
class WebSeedReplyFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void reply(FuzzedDataProvider in) {
        int status = in.consumeInt(100, 599);
        String range = in.consumeBoolean() ? in.consumeString(120) : null;
        String length = in.consumeBoolean() ? in.consumeString(24) : null;
        String location = in.consumeBoolean() ? in.consumeString(300) : null;
        long fileLength = in.consumeLong(1, 1L << 40);
        long first = in.consumeLong(0, fileLength - 1);
        int blocks = in.consumeInt(1, 8);
        int lastLength = in.consumeInt(1, 16384);
        long runLength = (blocks - 1) * 16384L + lastLength;
        long asked = Math.min(runLength, fileLength - first);
        WebSeedReply verdict = WebSeedReply.of(status, range, length, location, first, asked, fileLength);
        ContentRange.parse(range);
        if (!(verdict instanceof WebSeedReply.Accept accept)) {
            return;
        }
        if (accept.length() != asked) {
            throw new AssertionError("accepted " + accept.length() + " bytes for " + asked + " asked");
        }
        long[] run = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            run[i] = BlockAddress.of(7, i);
        }
        BlockAssembler a = new BlockAssembler(UnpooledByteBufAllocator.DEFAULT, run,
                x -> BlockAddress.block(x) == blocks - 1 ? lastLength : 16384);
        long[] seen = {0};
        BlockAssembler.Sink sink = (address, data) -> {
            int expected = BlockAddress.block(address) == blocks - 1 ? lastLength : 16384;
            int got = data.readableBytes();
            data.release();
            if (got != expected) {
                throw new AssertionError("block of " + got + " bytes, expected " + expected);
            }
            seen[0] += got;
        };
        while (in.remainingBytes() > 0) {
            byte[] chunk = in.consumeBytes(in.consumeInt(0, 40_000));
            long room = a.remaining();
            ByteBuf b = Unpooled.wrappedBuffer(chunk);
            try {
                a.append(b, sink);
                if (chunk.length > room) {
                    throw new AssertionError("took " + chunk.length + " bytes with room for " + room);
                }
            } catch (IllegalStateException tooMany) {
                if (chunk.length <= room) {
                    throw new AssertionError("refused " + chunk.length + " bytes with room for " + room, tooMany);
                }
                break;
            } finally {
                b.release();
            }
        }
        a.discard();
        if (seen[0] > runLength) {
            throw new AssertionError("handed over " + seen[0] + " bytes of a run of " + runLength);
        }
    }
}
