package dev.torrpedo.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Resume data round-trips, and any change to its bytes parses or fails with a named field. */
class ResumeDataProperties {
    static final ResumeDataCodec.Geometry G = ResumeDataFuzzTest.GEOMETRY;

    @Provide
    Arbitrary<ResumeData> resumeData() {
        Arbitrary<BitSet> verified = Arbitraries.integers().between(0, (1 << G.pieceCount()) - 1)
                .map(bits -> BitSet.valueOf(new long[] {bits}));
        Arbitrary<List<FileStamp>> files = Combinators.combine(
                Arbitraries.longs().between(-2, 1L << 40), Arbitraries.longs().between(0, 4_000_000_000_000L))
                .as(FileStamp::new).list().ofSize(G.fileCount() + 1);
        Arbitrary<Map<Integer, BitSet>> unfinished = Arbitraries.maps(
                Arbitraries.integers().between(0, G.pieceCount() - 1),
                Arbitraries.integers().between(0, (1 << G.blocksPerPiece()) - 1).map(b -> BitSet.valueOf(new long[] {b})))
                .ofMaxSize(4);
        return Combinators.combine(verified, files, unfinished).as((v, f, u) -> {
            Map<Integer, BitSet> only = new TreeMap<>();
            u.forEach((p, b) -> {
                if (!v.get(p)) {
                    only.put(p, b);
                }
            });
            return new ResumeData(G.infoHash(), G.pieceLength(), G.pieceCount(), v, f, only);
        });
    }

    @Property
    void encodeThenParseIsIdentity(@ForAll("resumeData") ResumeData d) throws ResumeDataException {
        ResumeData back = ResumeDataCodec.parse(ResumeDataCodec.encode(d), G);
        assertEquals(d, back);
    }

    @Property(tries = 3000)
    void mutatedResumeDataParsesOrNamesTheField(@ForAll("resumeData") ResumeData d, @ForAll int where,
            @ForAll byte what, @ForAll boolean cut) {
        byte[] in = ResumeDataCodec.encode(d);
        int at = Math.floorMod(where, in.length);
        byte[] mutated = cut ? java.util.Arrays.copyOf(in, at) : in.clone();
        if (!cut) {
            mutated[at] = what;
        }
        try {
            ResumeData r = ResumeDataCodec.parse(mutated, G);
            assertNotNull(r);
            assertTrue(r.verified().length() <= G.pieceCount());
        } catch (ResumeDataException e) {
            assertTrue(!e.field().isEmpty(), e.getMessage());
        }
    }

    @Property(tries = 500)
    void resumeDataForAnotherTorrentIsRefused(@ForAll("resumeData") ResumeData d) {
        ResumeDataCodec.Geometry other = new ResumeDataCodec.Geometry("ff" + G.infoHash().substring(2), G.pieceLength(),
                G.pieceCount(), G.fileCount());
        try {
            ResumeDataCodec.parse(ResumeDataCodec.encode(d), other);
            throw new AssertionError("accepted");
        } catch (ResumeDataException e) {
            assertEquals("info-hash", e.field());
        }
    }
}
