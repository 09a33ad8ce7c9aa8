package dev.torrpedo.storage.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Jazzer: any bytes either parse as resume data for the torrent's geometry (and then
 * re-encode to a value that parses equal) or fail with {@link ResumeDataException} naming a
 * field; nothing else is thrown. {@code mvn verify} replays the committed inputs in
 * {@code ResumeDataFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class ResumeDataFuzzTest {
    /** 10 pieces of 64 KiB (4 blocks each), 3 files. */
    static final ResumeDataCodec.Geometry GEOMETRY = new ResumeDataCodec.Geometry(
            "0123456789abcdef0123456789abcdef01234567", 65536, 10, 3);

    @FuzzTest(maxDuration = "30s")
    void parse(byte[] input) {
        ResumeData d;
        try {
            d = ResumeDataCodec.parse(input, GEOMETRY);
        } catch (ResumeDataException expected) {
            if (expected.field() == null || expected.field().isEmpty()) {
                throw new AssertionError("no field named", expected);
            }
            return;
        }
        if (d.verified().length() > GEOMETRY.pieceCount() || d.files().size() != GEOMETRY.fileCount() + 1) {
            throw new AssertionError("accepted out-of-range data: " + d);
        }
        for (int p : d.unfinished().keySet()) {
            if (p < 0 || p >= GEOMETRY.pieceCount() || d.verified().get(p)
                    || d.unfinished().get(p).length() > GEOMETRY.blocksPerPiece()) {
                throw new AssertionError("accepted a bad unfinished piece " + p);
            }
        }
        byte[] again = ResumeDataCodec.encode(d);
        ResumeData back;
        try {
            back = ResumeDataCodec.parse(again, GEOMETRY);
        } catch (ResumeDataException e) {
            throw new AssertionError("re-encoded resume data does not parse: " + Arrays.toString(again), e);
        }
        if (!back.equals(d)) {
            throw new AssertionError("round trip changed " + d + " into " + back);
        }
    }
}
