package dev.torrpedo.metainfo;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns file path components from untrusted torrents into names that are safe on Linux,
 * macOS and Windows, and resolves them under a download root with a final check that the
 * result stays there.
 *
 * <p>{@link #sanitizeComponent(String)} never returns an empty name, {@code .} or
 * {@code ..}, and never a name holding a separator, so a list of sanitised components
 * always names a path below the root. {@link #resolveUnder(Path, List)} still checks that,
 * as a last line of defence.
 *
 * <p>Symlinks already on disk under the root are outside this check: the storage layer must
 * not follow them (libtorrent does not either).
 */
public final class SafePaths {
    /** Longest component, in UTF-8 bytes (the limit of ext4, NTFS, APFS). */
    public static final int MAX_COMPONENT_BYTES = 255;

    /** Windows device names, reserved with or without an extension (compared upper-case). */
    private static final Set<String> RESERVED = Set.of(
            "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$",
            "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "COM\u00b9", "COM\u00b2", "COM\u00b3",
            "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
            "LPT\u00b9", "LPT\u00b2", "LPT\u00b3");
    /** Longest extension kept when a long name is shortened. */
    private static final int MAX_KEPT_EXTENSION = 16;

    private SafePaths() {
    }

    /**
     * Rewrites one path component so that it is a plain file name everywhere:
     * <ul>
     * <li>bidirectional-text controls (U+200E, U+200F, U+061C, U+202A..U+202E,
     *     U+2066..U+2069) are removed;</li>
     * <li>separators ({@code /} and {@code \}), control characters, and
     *     {@code " * : < > ? |} become {@code _} (so {@code C:\x} and {@code /etc}
     *     cannot name a drive or an absolute path);</li>
     * <li>trailing dots and spaces are removed (so {@code .} and {@code ..} become empty);</li>
     * <li>an empty result becomes {@code _};</li>
     * <li>Windows device names ({@code CON}, {@code NUL.txt}, {@code com1}, ...) get a
     *     {@code _} prefix;</li>
     * <li>a name over {@value #MAX_COMPONENT_BYTES} UTF-8 bytes is shortened, keeping a short
     *     extension.</li>
     * </ul>
     * The result of sanitising a sanitised name is that name.
     */
    public static String sanitizeComponent(String component) {
        Objects.requireNonNull(component, "component");
        StringBuilder sb = new StringBuilder(component.length());
        for (int i = 0; i < component.length(); ) {
            int cp = component.codePointAt(i);
            i += Character.charCount(cp);
            if (isBidiControl(cp)) {
                continue;
            }
            if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || "/\\\"*:<>?|".indexOf(cp) >= 0
                    || Character.isSurrogate((char) cp) && cp <= 0xffff) {
                sb.append('_');
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String name = shorten(stripTrailing(sb.toString()));
        if (name.isEmpty()) {
            return "_";
        }
        String base = name.indexOf('.') >= 0 ? name.substring(0, name.indexOf('.')) : name;
        if (RESERVED.contains(stripTrailing(base).toUpperCase(Locale.ROOT))) {
            name = shorten("_" + name);
        }
        return name;
    }

    /**
     * Sanitises raw bytes that should be UTF-8: malformed sequences (overlong forms and
     * encoded surrogates included) become {@code _}, then as {@link #sanitizeComponent(String)}.
     */
    static String sanitizeComponent(ByteBuffer utf8) {
        return sanitizeComponent(decodeLossy(utf8));
    }

    /** Decodes UTF-8, each malformed sequence replaced by {@code _}. */
    static String decodeLossy(ByteBuffer utf8) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith("_");
        try {
            CharBuffer chars = decoder.decode(utf8.duplicate());
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    /** @return every component sanitised, in a new list */
    public static List<String> sanitize(List<String> components) {
        List<String> out = new ArrayList<>(components.size());
        for (String c : components) {
            out.add(sanitizeComponent(c));
        }
        return out;
    }

    /**
     * Resolves a torrent file's {@link TorrentFile#safePath()} under {@code root}.
     *
     * @throws MetainfoException {@link MetainfoError#UNSAFE_PATH} if it would leave the root
     */
    public static Path resolveUnder(Path root, TorrentFile file) {
        return resolveUnder(root, file.safePath());
    }

    /**
     * Sanitises {@code components}, resolves them under {@code root}, and checks that the
     * normalised result lies strictly below the normalised root.
     *
     * @throws MetainfoException {@link MetainfoError#UNSAFE_PATH} if it would not (which a
     *         sanitised path never does), or if the list is empty
     */
    public static Path resolveUnder(Path root, List<String> components) {
        Path base = root.toAbsolutePath().normalize();
        if (components.isEmpty()) {
            throw new MetainfoException(MetainfoError.UNSAFE_PATH, "path", "an empty path names the root itself");
        }
        Path p = base;
        try {
            for (String c : components) {
                p = p.resolve(sanitizeComponent(c));
            }
        } catch (InvalidPathException e) {
            throw new MetainfoException(MetainfoError.UNSAFE_PATH, "path", -1,
                    "not a valid path here: " + components, e);
        }
        Path normal = p.normalize();
        if (!normal.startsWith(base) || normal.getNameCount() != base.getNameCount() + components.size()) {
            throw new MetainfoException(MetainfoError.UNSAFE_PATH, "path",
                    "'" + String.join("/", components) + "' resolves to " + normal + ", outside " + base);
        }
        return normal;
    }

    private static boolean isBidiControl(int cp) {
        return cp == 0x200e || cp == 0x200f || cp == 0x061c || (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Cuts {@code name} to {@link #MAX_COMPONENT_BYTES} UTF-8 bytes on a code point boundary, keeping a short extension. */
    private static String shorten(String name) {
        if (utf8Length(name) <= MAX_COMPONENT_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && utf8Length(name.substring(dot)) <= MAX_KEPT_EXTENSION ? name.substring(dot) : "";
        String stem = ext.isEmpty() ? name : name.substring(0, dot);
        int budget = MAX_COMPONENT_BYTES - utf8Length(ext);
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length(); ) {
            int cp = stem.codePointAt(i);
            int n = utf8Length(cp);
            if (used + n > budget) {
                break;
            }
            sb.appendCodePoint(cp);
            used += n;
            i += Character.charCount(cp);
        }
        String cut = stripTrailing(sb.toString());
        return (cut.isEmpty() ? "_" : cut) + ext;
    }

    /**
     * @return sanitised {@code base + suffix}, {@code base} cut so that the suffix (a sanitised
     *         tail such as {@code ".2.txt"}) survives the length limit
     */
    static String withSuffix(String base, String suffix) {
        int budget = MAX_COMPONENT_BYTES - utf8Length(suffix);
        StringBuilder sb = new StringBuilder();
        int used = 0;
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            if (used + utf8Length(cp) > budget) {
                break;
            }
            sb.appendCodePoint(cp);
            used += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return sanitizeComponent(sb + suffix);
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            n += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return n;
    }

    private static int utf8Length(int cp) {
        if (cp < 0x80) {
            return 1;
        } else if (cp < 0x800) {
            return 2;
        } else if (cp < 0x10000) {
            return 3;
        }
        return 4;
    }
}
