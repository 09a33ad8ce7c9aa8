package dev.torrpedo.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module's API surface is under test: exactly these packages are exported, these modules read. */
class ModuleExportsTest {

    @Test
    void exportsOnlyTheApiPackage() throws IOException {
        ModuleDescriptor descriptor;
        java.nio.file.Path classes = java.nio.file.Path.of(java.net.URI.create(
                DhtNode.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        try (InputStream in = java.nio.file.Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.torrpedo.dht", descriptor.name());
        Set<String> exports = descriptor.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.dht"), exports);
        Set<String> requires = descriptor.requires().stream()
                .filter(r -> !r.name().equals("java.base"))
                .map(r -> r.name() + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE) ? " (transitive)" : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.metainfo (transitive)", "io.netty.transport (transitive)",
                "io.netty.buffer (transitive)", "io.netty.common", "com.github.benmanes.caffeine", "org.slf4j"), requires);
    }
}
