package dev.torrpedo.metainfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module's API surface is under test: exactly these packages are exported, and these types are public. */
class ModuleExportsTest {

    private static Path classes() {
        return Path.of(java.net.URI.create(Torrent.class.getProtectionDomain().getCodeSource().getLocation().toString()));
    }

    @Test
    void exportsOnlyTheApiPackage() throws IOException {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.torrpedo.metainfo", descriptor.name());
        Set<String> exports = descriptor.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.metainfo"), exports);
        Set<String> requires = descriptor.requires().stream()
                .filter(r -> !r.name().equals("java.base"))
                .map(r -> r.name() + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE) ? " (transitive)" : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.bencode (transitive)"), requires);
    }

    @Test
    void publicTypesAreTheDocumentedOnes() throws IOException {
        Set<String> expected = new TreeSet<>(Arrays.asList("FileSlice", "FileTree", "InfoHash", "MagnetLink",
                "MagnetLink$FileRange", "Merkle", "MerkleTree", "MetainfoError", "MetainfoException", "PeerId", "PieceRange",
                "SafePaths", "Torrent", "TorrentCreator", "TorrentCreator$Builder", "TorrentCreator$ProgressListener",
                "TorrentFile", "TorrentLimits", "TorrentVersion"));
        Set<String> actual = new TreeSet<>();
        try (Stream<Path> files = Files.list(classes().resolve("dev/torrpedo/metainfo"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".class") || name.equals("package-info.class")) {
                    continue;
                }
                String simple = name.substring(0, name.length() - ".class".length());
                try {
                    Class<?> c = Class.forName("dev.torrpedo.metainfo." + simple);
                    if (java.lang.reflect.Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass()) {
                        actual.add(simple);
                    }
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertEquals(expected, actual);
    }
}
