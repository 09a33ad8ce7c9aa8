package dev.torrpedo.tracker.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torrpedo.tracker.TrackerException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Jazzer: any UDP packet either decodes (as a reply over IPv4 and IPv6, or as a request) to a
 * value that re-encodes and decodes to itself, or fails with a {@link TrackerException}.
 * {@code mvn verify} replays the committed inputs in {@code UdpTrackerCodecFuzzTestInputs/};
 * set {@code JAZZER_FUZZ=1} to fuzz.
 */
class UdpTrackerCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeReply(byte[] input) {
        for (boolean v6 : new boolean[] {false, true}) {
            UdpReply r;
            try {
                r = UdpTrackerCodec.decodeReply(Unpooled.wrappedBuffer(input), v6, 1000);
            } catch (TrackerException expected) {
                continue;
            }
            if (r instanceof UdpReply.Error) {
                continue; // a message with invalid UTF-8 need not re-encode to the same bytes
            }
            ByteBuf b = Unpooled.buffer();
            try {
                UdpTrackerCodec.encode(r, v6, b);
                if (!UdpTrackerCodec.decodeReply(b, v6, 1000).equals(r)) {
                    throw new AssertionError("reply changed in a round trip: " + r);
                }
            } finally {
                b.release();
            }
        }
    }

    @FuzzTest(maxDuration = "30s")
    void decodeRequest(byte[] input) {
        UdpRequest r;
        try {
            r = UdpTrackerCodec.decodeRequest(Unpooled.wrappedBuffer(input));
        } catch (TrackerException expected) {
            return;
        }
        ByteBuf b = Unpooled.buffer();
        try {
            UdpTrackerCodec.encode(r, b);
            if (!UdpTrackerCodec.decodeRequest(b).equals(r)) {
                throw new AssertionError("request changed in a round trip: " + r);
            }
        } finally {
            b.release();
        }
    }
}
