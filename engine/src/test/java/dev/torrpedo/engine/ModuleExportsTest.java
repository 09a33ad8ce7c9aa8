package dev.torrpedo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

/** The module's API surface is under test: nothing is exported until the session API exists. */
class ModuleExportsTest {

    @Test
    void exportsNothingYet() throws IOException {
        ModuleDescriptor descriptor;
        Path classes = Path.of(URI.create(PiecePicker.class.getProtectionDomain().getCodeSource().getLocation().toString()));
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertEquals("dev.torrpedo.engine", descriptor.name());
        assertEquals(Set.of(), descriptor.exports());
        assertEquals(Set.of(), descriptor.opens());
        Set<String> requires = descriptor.requires().stream()
                .map(ModuleDescriptor.Requires::name)
                .filter(n -> !n.equals("java.base"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("dev.torrpedo.metainfo"), requires);
    }
}
