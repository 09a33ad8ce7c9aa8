package dev.torrpedo.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module's API surface is under test: exactly these packages are exported, these modules read. */
class ModuleExportsTest {

    @Test
    void exportsOnlyTheApiPackage() throws IOException {
        Path classes = Path.of(URI.create(RpcServer.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.torrpedo.rpc", descriptor.name());
        Set<String> exports = descriptor.exports().stream()
                .map(e -> e.source() + (e.isQualified() ? " to " + e.targets() : ""))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.rpc"), exports);
        assertEquals(Set.of(), descriptor.opens());
        Set<String> requires = descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .filter(n -> !n.equals("java.base"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.engine", "com.fasterxml.jackson.core", "com.fasterxml.jackson.jr.ob",
                "org.slf4j"), requires);
    }
}
