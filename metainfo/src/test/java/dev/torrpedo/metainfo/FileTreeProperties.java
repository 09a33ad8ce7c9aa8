package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The piece-to-file mapping covers every byte exactly once, in order, whatever the layout. */
class FileTreeProperties {

    static FileTree tree(List<Long> lengths, List<Boolean> pads, int pieceLength) {
        List<TorrentFile> files = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < lengths.size(); i++) {
            boolean pad = pads.get(i % pads.size());
            files.add(new TorrentFile(i, List.of("t", "f" + i), List.of("t", "f" + i), lengths.get(i), offset,
                    pad ? "p" : "", pad, null, List.of()));
            offset += lengths.get(i);
        }
        return new FileTree(files, pieceLength);
    }

    @Provide
    Arbitrary<FileTree> trees() {
        Arbitrary<List<Long>> lengths = Arbitraries.oneOf(Arbitraries.longs().between(0, 5), Arbitraries.longs().between(0, 200_000))
                .list().ofMinSize(1).ofMaxSize(30).filter(l -> l.stream().mapToLong(Long::longValue).sum() > 0);
        Arbitrary<List<Boolean>> pads = Arbitraries.of(true, false, false, false).list().ofMinSize(1).ofMaxSize(5);
        Arbitrary<Integer> pieceLength = Arbitraries.oneOf(Arbitraries.integers().between(1, 70_000),
                Arbitraries.of(16384, 32768, 65536));
        return Combinators.combine(lengths, pads, pieceLength).as(FileTreeProperties::tree);
    }

    @Property(tries = 300)
    void everyPieceMapsToContiguousSlicesCoveringIt(@ForAll("trees") FileTree t) {
        long expectedOffset = 0;
        for (int p = 0; p < t.pieceCount(); p++) {
            int size = t.pieceSize(p);
            assertTrue(size > 0 && size <= t.pieceLength());
            long sum = 0;
            for (FileSlice s : t.slices(p, 0, size)) {
                TorrentFile f = t.files().get(s.fileIndex());
                assertEquals(expectedOffset, f.offset() + s.fileOffset(), "slices are contiguous");
                assertTrue(s.length() > 0 && s.fileOffset() + s.length() <= f.length());
                assertEquals(f.isPad(), s.pad());
                assertTrue(t.pieceRange(f.index()).contains(p), "file " + f.index() + " touches piece " + p);
                expectedOffset += s.length();
                sum += s.length();
            }
            assertEquals(size, sum);
        }
        assertEquals(t.totalSize(), expectedOffset);
    }

    @Property(tries = 300)
    void subRangesAndPieceRangesAgree(@ForAll("trees") FileTree t, @ForAll @IntRange(min = 0, max = 1000) int a,
            @ForAll @IntRange(min = 0, max = 1000) int b) {
        int piece = a % t.pieceCount();
        int size = t.pieceSize(piece);
        int offset = (int) ((long) b * size / 1001);
        int length = (size - offset) / 2;
        long sum = t.slices(piece, offset, length).stream().mapToLong(FileSlice::length).sum();
        assertEquals(length, sum);
        for (TorrentFile f : t.files()) {
            PieceRange r = t.pieceRange(f.index());
            if (f.length() == 0) {
                assertTrue(r.isEmpty());
                continue;
            }
            assertEquals(f.offset() / t.pieceLength(), r.first());
            assertEquals((f.endOffset() - 1) / t.pieceLength(), r.end() - 1L);
            assertEquals(f.index(), t.fileIndexAt(f.offset()));
            assertEquals(f.index(), t.fileIndexAt(f.endOffset() - 1));
        }
    }
}
