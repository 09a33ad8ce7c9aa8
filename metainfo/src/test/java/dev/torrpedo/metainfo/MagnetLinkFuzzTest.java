package dev.torrpedo.metainfo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer: any text either fails with {@link MetainfoException} or parses to a link whose
 * canonical form parses back to it. The input bytes are read as UTF-8. {@code mvn verify}
 * replays the committed inputs in {@code MagnetLinkFuzzTestInputs/}.
 */
class MagnetLinkFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        MagnetLink link;
        try {
            link = MagnetLink.parse(new String(input, StandardCharsets.UTF_8));
        } catch (MetainfoException expected) {
            return;
        }
        MagnetLink again = MagnetLink.parse(link.toString());
        if (!again.equals(link) || !again.toString().equals(link.toString())) {
            throw new AssertionError("round trip changed " + link + " into " + again);
        }
    }
}
