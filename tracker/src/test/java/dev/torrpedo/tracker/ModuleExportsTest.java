package dev.torrpedo.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module's API surface is under test: exactly these packages are exported. */
class ModuleExportsTest {

    @Test
    void exportsTheApiCodecAndServerPackagesOnly() throws IOException {
        ModuleDescriptor descriptor;
        Path classes = Path.of(java.net.URI.create(
                TrackerClient.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.torrpedo.tracker", descriptor.name());
        Set<String> exports = descriptor.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.tracker", "dev.torrpedo.tracker.codec", "dev.torrpedo.tracker.server"), exports);
        Set<String> requires = descriptor.requires().stream()
                .filter(r -> !r.name().equals("java.base"))
                .map(r -> r.name() + (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE) ? " (transitive)" : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.metainfo (transitive)", "io.netty.buffer (transitive)",
                "io.netty.transport (transitive)", "io.netty.resolver (transitive)", "io.netty.handler (transitive)",
                "io.netty.common", "io.netty.codec", "io.netty.codec.http", "org.slf4j"), requires);
    }
}
