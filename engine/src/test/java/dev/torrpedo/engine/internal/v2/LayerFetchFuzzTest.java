package dev.torrpedo.engine.internal.v2;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.wire.PeerMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer: the assembly of piece layers from peers' {@code hashes} and {@code hash reject}
 * messages, in any order, from any peer, with any content, among timeouts and departures.
 * Nothing throws; a part counts only with hashes that prove its file's root, so when the
 * fetch completes, the layers make a valid torrent. {@code mvn verify} replays the committed
 * inputs in {@code LayerFetchFuzzTestInputs/}.
 */
class LayerFetchFuzzTest {
    private static Path dir;
    private static Torrent[] torrents;

    @BeforeAll
    static void make() throws Exception {
        dir = Files.createTempDirectory("layerfetch");
        torrents = LayerFetchTest.torrents(dir);
    }

    @AfterAll
    static void clean() throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "60s")
    void messages(FuzzedDataProvider in) {
        LayerFetch fetch = new LayerFetch(torrents[1]);
        List<LayerFetch.Request> sent = new ArrayList<>();
        long now = 0;
        while (in.remainingBytes() > 0) {
            int peer = in.consumeInt(1, 3);
            now += in.consumeLong(0, 40_000_000_000L);
            switch (in.consumeInt(0, 5)) {
                case 0:
                    sent.addAll(fetch.assign(peer, now));
                    break;
                case 1: { // an honest answer to something we sent
                    if (!sent.isEmpty()) {
                        LayerFetch.Request r = sent.get(in.consumeInt(0, sent.size() - 1));
                        PeerMessage.Hashes h = LayerFetchTest.answer(torrents[0], r);
                        LayerFetch.Request pending = fetch.pending(peer, h);
                        if (pending != null) {
                            fetch.answered(peer, pending, LayerFetch.verify(pending, h), now);
                        }
                    }
                    break;
                }
                case 2: { // anything at all
                    byte[] root = in.consumeBytes(32);
                    if (root.length < 32 && !sent.isEmpty()) {
                        root = sent.get(0).root();
                    } else if (root.length < 32) {
                        break;
                    }
                    byte[] hashes = in.consumeBytes(in.consumeInt(0, 40) * 32);
                    hashes = java.util.Arrays.copyOf(hashes, hashes.length / 32 * 32);
                    PeerMessage.Hashes h = new PeerMessage.Hashes(root, in.consumeInt(-1, 3), in.consumeInt(-1, 1024),
                            in.consumeInt(-1, 1024), in.consumeInt(-1, 12), hashes);
                    LayerFetch.Request pending = fetch.pending(peer, h);
                    if (pending != null) {
                        fetch.answered(peer, pending, LayerFetch.verify(pending, h), now);
                    }
                    break;
                }
                case 3:
                    if (!sent.isEmpty()) {
                        LayerFetch.Request r = sent.get(in.consumeInt(0, sent.size() - 1));
                        fetch.rejected(peer, new PeerMessage.HashReject(r.root(), r.baseLayer(), r.index(), r.length(),
                                r.proofLayers()), now);
                    }
                    break;
                case 4:
                    fetch.expire(now);
                    break;
                default:
                    fetch.peerGone(peer);
                    break;
            }
        }
        if (fetch.complete() && !torrents[1].withPieceLayers(fetch.layers()).hasPieceLayers()) {
            throw new AssertionError("complete, yet the layers do not complete the torrent");
        }
    }
}
