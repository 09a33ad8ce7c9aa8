package dev.torrpedo.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version, written into the jar at build time. */
final class VersionProvider implements IVersionProvider {
    /** @return the version, as {@code 0.1.0-SNAPSHOT} */
    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"torrpedo " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name")
                + ")"};
    }
}
