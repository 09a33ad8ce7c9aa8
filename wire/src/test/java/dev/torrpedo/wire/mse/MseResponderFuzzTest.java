package dev.torrpedo.wire.mse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torrpedo.wire.Recorder;
import dev.torrpedo.wire.TorrentLookup;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Jazzer: whatever an initiator sends, in two reads, the MSE/PE responder waits, answers,
 * or fails with {@link EncryptionException}, and never more than once. {@code mvn verify}
 * replays the committed inputs in {@code MseResponderFuzzTestInputs/}.
 */
class MseResponderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void responder(byte[] input) {
        Recorder app = new Recorder();
        EmbeddedChannel ch = new EmbeddedChannel(new MseResponderHandler(TorrentLookup.only(MseTest.TORRENT),
                EncryptionPolicy.PREFER, MseTest.seeded(1)), app);
        int cut = input.length == 0 ? 0 : (input[0] & 0xFF) % (input.length + 1);
        ch.writeInbound(Unpooled.wrappedBuffer(input, 0, cut));
        ch.writeInbound(Unpooled.wrappedBuffer(input, cut, input.length - cut));
        try {
            if (app.errors.size() > 1) {
                throw new AssertionError("more than one failure: " + app.errors);
            }
            for (Throwable t : app.errors) {
                if (!(t instanceof EncryptionException)) {
                    throw new AssertionError("undeclared failure", t);
                }
            }
        } finally {
            app.release();
            ch.finishAndReleaseAll();
        }
    }
}
