package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafePathsTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "..|_", ".|_", "''|_", "...|_", "a/b|a_b", "a\\b|a_b", "/etc|_etc", "C:|C_", "C:\\x|C__x",
        "CON|_CON", "con|_con", "NUL.txt|_NUL.txt", "nul.tar.gz|_nul.tar.gz", "COM1|_COM1", "lpt9.log|_lpt9.log",
        "CONIN$|_CONIN$", "CONSOLE|CONSOLE", "icon|icon", "a<b>c|a_b_c", "q?*|q__", "quote\"d|quote_d",
        "name. . .|name", "trailing |trailing", "  lead|  lead", ".hidden|.hidden", "a..b|a..b"})
    void rewritesWhatWouldBeUnsafe(String in, String out) {
        assertEquals(out, SafePaths.sanitizeComponent(in));
    }

    @Test
    void removesBidiControlsAndReplacesControlCharacters() {
        assertEquals("evilfdp.exe", SafePaths.sanitizeComponent("evil\u202Efdp.exe"));
        assertEquals("ab", SafePaths.sanitizeComponent("a\u200e\u200f\u061c\u2066\u2069b"));
        assertEquals("a_b_c_", SafePaths.sanitizeComponent("a\u0000b\u001fc\u0085"));
        assertEquals("_", SafePaths.sanitizeComponent("\u202e"));
        assertEquals("a_b", SafePaths.sanitizeComponent("a|b"));
    }

    @Test
    void shortensLongNamesKeepingTheExtension() {
        String s = SafePaths.sanitizeComponent("n".repeat(400) + ".mkv");
        assertEquals(255, s.length());
        assertEquals("n".repeat(251) + ".mkv", s);
        String multi = SafePaths.sanitizeComponent("\u20ac".repeat(100)); // 3 bytes each
        assertEquals(85, multi.length());
        assertEquals(255, multi.getBytes(StandardCharsets.UTF_8).length);
        String emoji = SafePaths.sanitizeComponent("\ud83d\ude00".repeat(100)); // 4 bytes each, never split
        assertEquals(252, emoji.getBytes(StandardCharsets.UTF_8).length);
        String longExtension = SafePaths.sanitizeComponent("a." + "b".repeat(300));
        assertEquals(255, longExtension.length());
    }

    @Test
    void resolvesBelowTheRootAndRefusesWhatWouldNot() {
        Path root = Path.of("/data/dl");
        assertEquals(Path.of("/data/dl/_/_/etc/passwd"), SafePaths.resolveUnder(root, List.of("..", "..", "etc", "passwd")));
        assertEquals(Path.of("/data/dl/a/_b"), SafePaths.resolveUnder(Path.of("/data/./x/../dl"), List.of("a", "/b")));
        MetainfoException e = assertThrows(MetainfoException.class, () -> SafePaths.resolveUnder(root, List.of()));
        assertEquals(MetainfoError.UNSAFE_PATH, e.error());
    }

    @Test
    void withSuffixKeepsTheSuffixOfALongName() {
        String base = "b".repeat(255);
        String renamed = SafePaths.withSuffix(base, ".12.txt");
        assertEquals(255, renamed.length());
        assertEquals(".12.txt", renamed.substring(renamed.length() - 7));
    }
}
