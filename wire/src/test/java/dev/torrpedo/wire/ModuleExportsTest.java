package dev.torrpedo.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module's API surface is under test: exactly these packages are exported, and internal is not. */
class ModuleExportsTest {

    @Test
    void exportsTheApiPackagesOnly() throws IOException {
        Path classes = Path.of(java.net.URI.create(
                PeerWire.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.torrpedo.wire", descriptor.name());
        Set<String> exports = descriptor.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.wire", "dev.torrpedo.wire.extension", "dev.torrpedo.wire.mse"), exports);
        Set<String> requires = descriptor.requires().stream()
                .filter(r -> !r.name().equals("java.base"))
                .map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.metainfo", "io.netty.buffer", "io.netty.codec", "io.netty.common",
                "io.netty.transport", "org.bouncycastle.provider", "org.slf4j"), requires);
    }
}
