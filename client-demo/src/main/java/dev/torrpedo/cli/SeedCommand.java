package dev.torrpedo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code torrpedo seed <file.torrent> -d DIR}: checks the data, then seeds until stopped.
 * Checks its input now; seeding arrives with the engine.
 */
@Command(name = "seed", sortOptions = false,
        description = {"Check the data of a torrent, then seed it until stopped (Ctrl-C)."})
final class SeedCommand implements Callable<Integer> {
    @ParentCommand
    TorrpedoCommand parent;

    @Parameters(index = "0", paramLabel = "<file.torrent>", description = "The .torrent file of the data.")
    String torrent;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Directory that holds the data, as a download into it would have written it"
                    + " (default: the current directory).")
    Path dir;

    @Mixin
    NetworkOptions network = new NetworkOptions();

    @Override
    public Integer call() {
        TorrentInput input = TorrentInput.load(torrent);
        if (!(input instanceof TorrentInput.Metainfo)) {
            throw CliException.usage("seed needs a .torrent file, not a " + input.origin());
        }
        if (!Files.isDirectory(dir)) {
            throw CliException.runtime(dir + " (-d): no such directory", null);
        }
        throw NotYet.available("seed");
    }
}
