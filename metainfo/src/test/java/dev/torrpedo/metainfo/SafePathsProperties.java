package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SafePathsProperties {
    private static final Path ROOT = Path.of("/srv/torrents/downloads");

    @Provide
    Arbitrary<List<String>> components() {
        Arbitrary<String> hostile = Arbitraries.of("..", ".", "", "/", "\\", "C:", "C:\\", "\\\\server\\share", "/etc/passwd",
                "CON", "nul.txt", "com1", "LPT9", "a. ", " . ", "\u202e", "\u0000", "x/../..", "~", "$HOME", "%2e%2e");
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(300);
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> dots = Arbitraries.strings().withChars("./\\: ").ofMaxLength(8);
        return Arbitraries.oneOf(hostile, any, unicode, dots).list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 1000)
    void anyListOfComponentsMapsUnderTheRoot(@ForAll("components") List<String> components) {
        Path p = SafePaths.resolveUnder(ROOT, components);
        assertTrue(p.startsWith(ROOT), p.toString());
        assertEquals(ROOT.getNameCount() + components.size(), p.getNameCount(), p.toString());
        assertEquals(p, p.normalize());
    }

    @Property(tries = 1000)
    void aSanitisedComponentIsOnePlainNameEverywhere(@ForAll("components") List<String> components) {
        for (String c : components) {
            String s = SafePaths.sanitizeComponent(c);
            assertEquals(s, SafePaths.sanitizeComponent(s), "idempotent");
            assertFalse(s.isEmpty());
            assertNotEquals(".", s);
            assertNotEquals("..", s);
            assertEquals(1, Path.of(s).getNameCount());
            assertTrue(s.getBytes(StandardCharsets.UTF_8).length <= SafePaths.MAX_COMPONENT_BYTES);
            assertTrue(s.chars().noneMatch(ch -> ch < 0x20 || "/\\\"*:<>?|".indexOf(ch) >= 0), s);
            assertFalse(s.endsWith(".") || s.endsWith(" "), s);
            String base = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
            assertFalse(base.strip().toUpperCase(Locale.ROOT).matches("CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]"), s);
            assertTrue(s.chars().noneMatch(ch -> Character.isSurrogate((char) ch)) || s.codePoints().allMatch(cp -> cp < 0xd800 || cp > 0xdfff), s);
        }
    }
}
