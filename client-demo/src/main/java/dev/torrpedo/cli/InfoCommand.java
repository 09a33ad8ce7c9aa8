package dev.torrpedo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code torrpedo info <file.torrent|magnet> [--json]}: what a torrent or magnet link holds. */
@Command(name = "info", sortOptions = false,
        description = {"Show a torrent or magnet link: name, info hashes, size, pieces, files with their indices"
                + " (for download --select), trackers."})
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    TorrpedoCommand parent;

    @Parameters(index = "0", paramLabel = "<torrent>",
            description = "A .torrent file, a magnet link, or the http(s) URL of a .torrent.")
    String source;

    @Option(names = "--json", description = "Write one JSON object on stdout instead of text.")
    boolean json;

    @Override
    public Integer call() {
        TorrentInput input = TorrentInput.load(source);
        Io io = parent.io();
        if (json) {
            io.out().println(Json.pretty(TorrentReport.json(input)));
        } else {
            TorrentReport.text(input).forEach(io.out()::println);
        }
        io.out().flush();
        return ExitCode.OK;
    }
}
