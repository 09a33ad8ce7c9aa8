package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentCreator;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.metainfo.TorrentVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileSelectionTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {"1,3-5; 1,3-5", "5,4,3,1; 1,3-5", "0; 0", " 2 - 4 , 0 ; 0,2-4", "3-3; 3",
        "1-4,2-6,8; 1-6,8", "0,1,2; 0-2", "7,7,7; 7", "2147483647; 2147483647"})
    void parsesSortsAndMerges(String text, String canonical) {
        FileSelection s = FileSelection.parse(text);
        assertEquals(canonical, s.toString());
        assertEquals(s, FileSelection.parse(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", "1,", ",1", "1,,2", "a", "1-", "-1", "5-3", "1-2-3", "1.5", "+1", "0x1",
        "2147483648", "99999999999"})
    void refuses(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileSelection.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void namesTheBadItem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FileSelection.parse("1,x,3"));
        assertEquals("'x' in '1,x,3' is not a file index or a range (expected: as 0,3-5)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FileSelection.parse("5-3"));
        assertEquals("'5-3' is a backwards range (expected: FIRST-LAST with FIRST <= LAST)", e.getMessage());
    }

    @Test
    void boundsTheInput() {
        assertThrows(IllegalArgumentException.class, () -> FileSelection.parse("1,".repeat(1000) + "1"));
        assertEquals("0", FileSelection.parse("0,".repeat(999) + "0").toString());
        assertThrows(IllegalArgumentException.class, () -> FileSelection.parse(" ".repeat(FileSelection.MAX_TEXT) + "1"));
    }

    @Test
    void containsAndPriorities() {
        FileSelection s = FileSelection.parse("1,3-5");
        assertArrayEquals(new int[] {0, 1, 0, 1, 1, 1, 0}, s.priorities(7));
        assertTrue(s.contains(4));
        assertFalse(s.contains(2));
        assertFalse(s.contains(6));
        assertEquals(5, s.maxIndex());
    }

    @Test
    void validatesAgainstTheFileCount() {
        FileSelection s = FileSelection.parse("1,3-5");
        s.validate(6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.validate(5));
        assertEquals("file 5 does not exist (the torrent has 5 files: 0-4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FileSelection.parse("2-9").priorities(1));
        assertEquals("file 2 does not exist (the torrent has 1 file: 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FileSelection.parse("0-2147483647").priorities(3));
        assertEquals("file 3 does not exist (the torrent has 3 files: 0-2)", e.getMessage());
    }

    @Test
    void padFilesAreNotSelectable(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/a.bin"), new byte[40_000]);
        Files.write(dir.resolve("data/b.bin"), new byte[10_000]);
        Torrent t = TorrentCreator.builder(dir.resolve("data")).version(TorrentVersion.HYBRID).pieceLength(16 * 1024)
                .build().create();
        List<TorrentFile> files = t.files();
        assertEquals(List.of(false, true, false), files.stream().map(TorrentFile::isPad).toList());
        assertArrayEquals(new int[] {0, 0, 1}, FileSelection.parse("2").priorities(files));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileSelection.parse("0-2").priorities(files));
        assertEquals("file 1 is padding, not one of the files that 'torrpedo info' lists", e.getMessage());
    }
}
