package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.internal.picker.PiecePicker;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module's API surface is under test: only the public API package is exported. */
class ModuleExportsTest {

    @Test
    void exportsOnlyThePublicApi() throws IOException {
        ModuleDescriptor descriptor;
        Path classes = Path.of(URI.create(PiecePicker.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.torrpedo.engine", descriptor.name());
        assertEquals(Set.of("dev.torrpedo.engine"), descriptor.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : "")).collect(Collectors.toSet()));
        assertEquals(Set.of(), descriptor.opens());
        Set<String> requires = descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .filter(n -> !n.equals("java.base"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.metainfo", "dev.torrpedo.wire", "dev.torrpedo.tracker", "dev.torrpedo.storage", "dev.torrpedo.dht",
                "io.netty.buffer", "io.netty.common", "io.netty.transport", "io.netty.resolver", "io.netty.resolver.dns",
                "io.netty.codec", "io.netty.codec.http", "io.netty.handler",
                "org.slf4j"), requires);
        assertTrue(descriptor.requires().stream().anyMatch(r -> r.name().equals("dev.torrpedo.metainfo")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
                "the API's InfoHash, PeerId and Torrent come from metainfo, required transitively");
    }
}
