package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileTreeTest {

    /** a.bin 100000, pad 31072, empty, b.bin 300001, pad 27679, c.txt 17 in 32 KiB pieces (libtorrent's hybrid layout). */
    private final FileTree tree = FileTreeProperties.tree(List.of(100_000L, 31_072L, 0L, 300_001L, 27_679L, 17L),
            List.of(false, true, false, false, true, false), 32768);

    @Test
    void piecesAndSizes() {
        assertEquals(458_769, tree.totalSize());
        assertEquals(15, tree.pieceCount());
        assertEquals(32768, tree.pieceSize(0));
        assertEquals(17, tree.pieceSize(14));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.pieceSize(15));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.pieceSize(-1));
    }

    @Test
    void aPieceAcrossAFileAndItsPadReportsThePad() {
        assertEquals(List.of(new FileSlice(0, 98_304, 1696, false), new FileSlice(1, 0, 31_072, true)),
                tree.slices(3, 0, 32768));
        assertEquals(List.of(new FileSlice(1, 30_000, 1072, true), new FileSlice(3, 0, 100, false)),
                tree.slices(100_000 + 30_000, 1172));
        assertEquals(List.of(new FileSlice(5, 0, 17, false)), tree.slices(14, 0, 17));
        assertEquals(List.of(), tree.slices(2, 5, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.slices(14, 0, 18));
        assertThrows(IndexOutOfBoundsException.class, () -> tree.slices(0, -1, 1));
    }

    @Test
    void pieceRangesOfFiles() {
        assertEquals(new PieceRange(0, 4), tree.pieceRange(0));
        assertEquals(new PieceRange(3, 4), tree.pieceRange(1));
        assertEquals(new PieceRange(4, 4), tree.pieceRange(2));
        assertEquals(new PieceRange(4, 14), tree.pieceRange(3));
        assertEquals(new PieceRange(14, 15), tree.pieceRange(5));
        assertEquals(3, tree.fileIndexAt(131_072));
    }
}
