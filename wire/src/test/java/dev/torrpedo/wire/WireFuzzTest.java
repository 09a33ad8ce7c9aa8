package dev.torrpedo.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Jazzer: the frame decoder and the handshake decoder take any input without failing in an
 * undeclared way, and the Netty handler fed one byte at a time decodes what the pure decoder
 * does. {@code mvn verify} replays the committed inputs in {@code WireFuzzTestInputs/};
 * set {@code JAZZER_FUZZ=1} to fuzz.
 */
class WireFuzzTest {
    private static final WireLimits LIMITS = new WireLimits(4096, 1024, 1024, 1 << 20, 1024, 1024);

    @FuzzTest(maxDuration = "30s")
    void frameDecoder(byte[] input) {
        List<PeerMessage> pure = new ArrayList<>();
        Class<?> pureFailure = null;
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            for (PeerMessage m = PeerMessageDecoder.decode(in, LIMITS); m != null; m = PeerMessageDecoder.decode(in, LIMITS)) {
                pure.add(m);
            }
        } catch (LimitExceededException | MalformedMessageException e) {
            pureFailure = e.getClass();
        }
        List<Object> handler = new ArrayList<>();
        Class<?> handlerFailure = null;
        EmbeddedChannel ch = new EmbeddedChannel(new PeerMessageDecoder(LIMITS));
        try {
            for (byte b : input) {
                ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
        } catch (LimitExceededException | MalformedMessageException e) {
            handlerFailure = e.getClass();
        }
        for (Object o = ch.readInbound(); o != null; o = ch.readInbound()) {
            handler.add(o);
        }
        ch.finishAndReleaseAll();
        try {
            if (!pure.equals(handler) || pureFailure != handlerFailure) {
                throw new AssertionError("handler and pure decoder disagree: " + pure + " / " + handler);
            }
        } finally {
            pure.forEach(ReferenceCountUtil::release);
            handler.forEach(ReferenceCountUtil::release);
            in.release();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void handshake(byte[] input) {
        ByteBuf in = Unpooled.wrappedBuffer(input);
        try {
            Handshake h = HandshakeDecoder.decode(in, TorrentLookup.of(List.of(HandshakeTest.V1, HandshakeTest.V2,
                    HandshakeTest.HYBRID)));
            if (h != null) {
                ByteBuf again = Unpooled.buffer();
                h.encode(again);
                boolean same = again.equals(Unpooled.wrappedBuffer(input, 0, Handshake.LENGTH));
                again.release();
                if (!same) {
                    throw new AssertionError("a decoded handshake does not re-encode to its bytes");
                }
            }
        } catch (HandshakeException expected) {
            // declared
        } finally {
            in.release();
        }
    }
}
