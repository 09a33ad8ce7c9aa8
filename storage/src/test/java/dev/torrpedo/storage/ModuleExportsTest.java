package dev.torrpedo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module's API surface is under test: only the SPI package is exported, and no Netty is required. */
class ModuleExportsTest {

    @Test
    void exportsOnlyTheSpi() throws IOException {
        ModuleDescriptor descriptor;
        java.nio.file.Path classes = java.nio.file.Path.of(java.net.URI.create(
                Storage.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        try (InputStream in = java.nio.file.Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.torrpedo.storage", descriptor.name());
        Set<String> exports = descriptor.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.storage"), exports);
        Set<String> requires = descriptor.requires().stream()
                .filter(r -> !r.name().equals("java.base"))
                .map(r -> r.name() + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE) ? " (transitive)" : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.metainfo (transitive)", "org.jctools.core", "com.github.benmanes.caffeine",
                "org.slf4j"), requires);
    }
}
