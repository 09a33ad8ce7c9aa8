package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code torrpedo seed} of the data under {@code dir/data} as a child process, on a free
 * loopback port, for the tests that download from it.
 *
 * @param run  the process
 * @param port the port it listens on
 */
record JarSeeder(JarRun run, int port) implements AutoCloseable {
    private static final Pattern SEED_PORT = Pattern.compile("^seeding .* on port (\\d+) \\(Ctrl-C stops\\)$");

    /** Starts it with {@code extra} flags; returns once it seeds. */
    static JarSeeder start(Path dir, Path torrent, String... extra) {
        List<String> args = new ArrayList<>(List.of("seed", torrent.toString(), "-d", "data", "--port", "0",
                "--encryption", "plain"));
        args.addAll(List.of(extra));
        JarRun run = JarRun.start(dir, Map.of(), JarRun.catchingSigint(JarRun.command(args.toArray(String[]::new))));
        String line = run.awaitLine(l -> SEED_PORT.matcher(l).matches(), "the seeding line", JarRun.TIMEOUT);
        Matcher m = SEED_PORT.matcher(line);
        assertTrue(m.matches());
        return new JarSeeder(run, Integer.parseInt(m.group(1)));
    }

    /** @return {@code 127.0.0.1:port}, for {@code --peer} */
    String peer() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        run.close();
    }
}
