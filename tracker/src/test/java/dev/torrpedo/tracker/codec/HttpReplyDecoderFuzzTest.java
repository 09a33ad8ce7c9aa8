package dev.torrpedo.tracker.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.TrackerException;
import java.time.Duration;
import java.util.List;

/**
 * Jazzer: any HTTP tracker body either decodes, within the limits, or fails with a
 * {@link TrackerException}. {@code mvn verify} replays the committed inputs in
 * {@code HttpReplyDecoderFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class HttpReplyDecoderFuzzTest {
    private static final ReplyLimits LIMITS = new ReplyLimits(64 * 1024, 200, Duration.ofSeconds(300), Duration.ofMinutes(30));
    private static final List<InfoHash> ASKED = List.of(InfoHash.v1(new byte[20]),
            InfoHash.v1("aaaaaaaaaaaaaaaaaaaa".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    @FuzzTest(maxDuration = "30s")
    void announce(byte[] input) {
        try {
            AnnounceResponse r = HttpReplyDecoder.announce(input, LIMITS);
            if (r.peers().size() > LIMITS.maxPeers()) {
                throw new AssertionError("more peers than the limit: " + r.peers().size());
            }
            if (r.interval().compareTo(LIMITS.minInterval()) < 0) {
                throw new AssertionError("interval below the floor: " + r.interval());
            }
        } catch (TrackerException expected) {
            // the only failure allowed
        }
    }

    @FuzzTest(maxDuration = "30s")
    void scrape(byte[] input) {
        try {
            if (HttpReplyDecoder.scrape(input, ASKED, LIMITS).files().size() > ASKED.size()) {
                throw new AssertionError("a torrent that was not asked for");
            }
        } catch (TrackerException expected) {
            // the only failure allowed
        }
    }
}
