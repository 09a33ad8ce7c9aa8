package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command names and flags of issues 9 and 11, exactly: users and tests rely on them. */
class CommandSurfaceTest {
    static final Map<String, Set<String>> FLAGS = Map.of(
            "download", Set.of("-o", "--output", "--peer", "--port", "--seed-ratio", "--seed-time", "--no-seed",
                    "--select", "--sequential", "--max-down", "--max-up", "--encryption", "--no-dht", "--no-lsd",
                    "--dht-bootstrap", "--json"),
            "seed", Set.of("-d", "--dir", "--port", "--peer", "--encryption", "--no-dht", "--no-lsd", "--dht-bootstrap"),
            "create", Set.of("-o", "--output", "--v1", "--v2", "--hybrid", "--piece-size", "--tracker", "--web-seed",
                    "--private", "--comment"),
            "info", Set.of("--json"),
            "demo", Set.of("--size"),
            "rpc", Set.of("--port", "--download-dir", "--allowed-root", "--encryption", "--no-dht", "--no-lsd",
                    "--dht-bootstrap"));
    static final Set<String> COMMON = Set.of("-h", "--help", "-V", "--version", "--verbose");

    @Test
    void everyCommandHasExactlyItsFlags() {
        CommandLine cl = Main.commandLine(new Io(System.out, System.err, false, System::nanoTime));
        assertEquals(new TreeSet<>(FLAGS.keySet()), new TreeSet<>(cl.getSubcommands().keySet()));
        for (Map.Entry<String, Set<String>> e : FLAGS.entrySet()) {
            Set<String> names = new TreeSet<>();
            for (OptionSpec o : cl.getSubcommands().get(e.getKey()).getCommandSpec().options()) {
                names.addAll(List.of(o.names()));
            }
            Set<String> expected = new TreeSet<>(e.getValue());
            expected.addAll(COMMON);
            assertEquals(expected, names, e.getKey());
        }
    }

    @Test
    void theHelpOfEachCommandShowsEachFlag() {
        for (Map.Entry<String, Set<String>> e : FLAGS.entrySet()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new Io(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false, System::nanoTime), e.getKey(), "--help");
            assertEquals(0, code);
            assertEquals("", err.toString(StandardCharsets.UTF_8));
            String help = out.toString(StandardCharsets.UTF_8);
            for (String flag : e.getValue()) {
                assertTrue(help.contains(flag), e.getKey() + " --help lacks " + flag);
            }
            assertTrue(help.contains("130"), "exit codes missing from " + e.getKey() + " --help");
        }
    }
}
