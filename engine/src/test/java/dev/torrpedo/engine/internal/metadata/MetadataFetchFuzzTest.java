package dev.torrpedo.engine.internal.metadata;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torrpedo.wire.WireException;
import dev.torrpedo.wire.WireLimits;
import dev.torrpedo.wire.extension.ExtensionCodec;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.MetadataData;
import dev.torrpedo.wire.extension.MetadataReject;
import java.util.Arrays;
import java.util.Optional;

/**
 * Jazzer: metadata assembly under whatever peers send. The input picks the dictionary's
 * size, how many peers there are and which lie, then a script: answers, ticks, rejects,
 * departures, pieces of any index, size and length, and raw {@code ut_metadata} payloads
 * through the wire decoder. Nothing but the decoder's {@link WireException} may be thrown,
 * no peer ever has more than two requests out, and a finished fetch holds exactly the
 * right bytes. {@code mvn verify} replays {@code MetadataFetchFuzzTestInputs/}; set
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class MetadataFetchFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void peersSendAnything(byte[] input) {
        if (input.length < 4) {
            return;
        }
        int size = 1 + (((input[0] & 0xFF) << 8 | (input[1] & 0xFF)) * 4);
        int peers = 1 + (input[2] & 0xFF) % 6;
        int liars = input[3] & 0xFF;
        FetchHarness h = new FetchHarness(FetchHarness.info(size, size));
        for (int i = 0; i < peers; i++) {
            h.join(i, (liars >> i & 1) != 0);
        }
        int at = 4;
        while (at < input.length) {
            int op = input[at++] & 0xFF;
            long peer = (op >> 3) % peers;
            FetchHarness.FakePeer p = h.peers.get(peer);
            switch (op & 7) {
                case 0:
                    if (p != null) {
                        p.answer();
                    }
                    break;
                case 1:
                    h.tick(1_000_000_000L);
                    break;
                case 2:
                    h.tick(MetadataFetch.STALE_NANOS + MetadataFetch.REQUEST_TIMEOUT_NANOS);
                    break;
                case 3:
                    h.fetch.rejected(peer, at < input.length ? input[at++] : 0, h.now);
                    break;
                case 4:
                    if (p != null) {
                        h.leave(peer);
                    } else {
                        h.join(peer, (liars >> peer & 1) != 0);
                    }
                    break;
                case 5: {
                    int len = at < input.length ? input[at++] & 0xFF : 0;
                    byte[] payload = Arrays.copyOfRange(input, at, Math.min(input.length, at + len));
                    at += payload.length;
                    raw(h, peer, payload);
                    break;
                }
                case 6: {
                    int piece = at < input.length ? input[at++] : 0;
                    int total = at < input.length ? size + input[at++] % 3 : size;
                    int len = at < input.length ? (input[at++] & 0xFF) * 97 : 0;
                    h.fetch.data(peer, piece, total, new byte[len], h.now);
                    break;
                }
                default:
                    h.settle();
                    break;
            }
            for (FetchHarness.FakePeer q : h.peers.values()) {
                if (h.fetch.asked(q.id) > MetadataFetch.MAX_REQUESTS_PER_PEER) {
                    throw new AssertionError("peer " + q.id + " has " + h.fetch.asked(q.id) + " requests out");
                }
            }
        }
        h.settle();
        if (h.fetch.isDone() && !Arrays.equals(h.info, h.assembled)) {
            throw new AssertionError("a finished fetch holds the wrong bytes");
        }
    }

    private static void raw(FetchHarness h, long peer, byte[] payload) {
        Optional<ExtensionMessage> m;
        try {
            m = ExtensionCodec.decode(ExtensionMessage.UT_METADATA, payload, WireLimits.DEFAULT);
        } catch (WireException expected) {
            return;
        }
        if (m.isPresent() && m.get() instanceof MetadataData d) {
            h.fetch.data(peer, d.piece(), d.totalSize(), d.data(), h.now);
        } else if (m.isPresent() && m.get() instanceof MetadataReject r) {
            h.fetch.rejected(peer, r.piece(), h.now);
        }
    }
}
