package dev.torrpedo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code torrpedo demo}: a whole swarm on loopback (embedded tracker, three seeders of a
 * generated payload, one downloader), no internet needed. Arrives with the engine.
 */
@Command(name = "demo", sortOptions = false,
        description = {"Run a swarm on loopback, no internet needed: an embedded tracker and three seeders of a"
                + " generated payload; a fourth session downloads it, verifies it and prints the throughput."})
final class DemoCommand implements Callable<Integer> {
    /** The default payload size. */
    static final long DEFAULT_SIZE = 256L * 1024 * 1024;

    @ParentCommand
    TorrpedoCommand parent;

    @Option(names = "--size", paramLabel = "SIZE", converter = Converters.Size.class, defaultValue = "256M",
            description = "Size of the generated payload, as 64M or 1G (default: ${DEFAULT-VALUE}).")
    long size = DEFAULT_SIZE;

    @Override
    public Integer call() {
        if (size < 1) {
            throw CliException.usage("--size: " + size + " (expected: at least 1 byte)");
        }
        throw NotYet.available("demo");
    }
}
