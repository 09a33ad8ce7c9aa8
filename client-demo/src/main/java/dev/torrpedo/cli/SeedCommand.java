package dev.torrpedo.cli;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.metainfo.Torrent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code torrpedo seed <file.torrent> -d DIR}: checks the data, then seeds until stopped.
 * The torrent is added paused, so no peer is dialled or answered before the check; data
 * that is not whole ends the command (a seed that would start downloading is a mistake in
 * {@code -d}). The first line on stdout says "checking", before the port even listens; the
 * first that names another state comes once the check is done. Resume data lives in
 * {@code DIR/.torrpedo/resume}: a second run trusts it and does not hash the data again.
 */
@Command(name = "seed", sortOptions = false,
        description = {"Check the data of a torrent, then seed it until stopped (Ctrl-C).",
            "Data that is not whole is an error: -d names the directory that holds the torrent's file or folder."})
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

    @Mixin
    DiscoveryOptions discovery = new DiscoveryOptions();

    @Override
    public Integer call() throws InterruptedException {
        TorrentInput input = TorrentInput.load(torrent);
        if (!(input instanceof TorrentInput.Metainfo)) {
            throw CliException.usage("seed needs a .torrent file, not a " + input.origin());
        }
        Torrent meta = ((TorrentInput.Metainfo) input).torrent();
        if (!Files.isDirectory(dir)) {
            throw CliException.runtime(dir + " (-d): no such directory", null);
        }
        Path data = dir.toAbsolutePath().normalize();
        AddTorrent add = AddTorrent.bytes(meta.bytes()).withSavePath(data).withPaused(true)
                .withPeers(EngineSessions.peers(network.peers));
        Settings settings = EngineSessions.settings(network, discovery).build();
        Io io = parent.io();
        try (StopSignal stop = StopSignal.install(io)) {
            TransferWatch watch = new TransferWatch(io, false, stop);
            watch.showNow(new TransferStatus(meta.infoHash().id(), meta.name(), TransferState.CHECKING, 0, 0,
                    meta.totalSize(), 0, 0, 0, 0, -1, 0, 0, 0));
            Session session = EngineSessions.start(Session.builder().downloadDir(data)
                    .settings(settings), network.port);
            try (CloseOnExit closer = new CloseOnExit("torrpedo-seed-close", session::close)) {
                TorrentHandle handle = EngineSessions.add(session, add);
                if (watch.watch(handle, TransferWatch.Goal.CHECKED) == TransferWatch.End.STOPPED) {
                    closer.close();
                    throw new CliException(ExitCode.INTERRUPTED, "stopped while checking", null);
                }
                TorrentStatus checked = handle.status();
                if (!checked.isComplete()) {
                    closer.close();
                    throw CliException.runtime(incomplete(checked, data), null);
                }
                handle.resume();
                while (handle.status().state() == TorrentState.PAUSED && !stop.await(10, TimeUnit.MILLISECONDS)) {
                    // resuming is posted to the torrent's loop: show its next state, not the paused one
                }
                io.out().println("seeding " + TorrentReport.printable(meta.name()) + " from " + data + " on port "
                        + session.listenPort() + " (Ctrl-C stops)");
                io.out().flush();
                watch.watch(handle, TransferWatch.Goal.FOREVER);
                closer.close();
                throw new CliException(ExitCode.INTERRUPTED, "stopped seeding", null);
            }
        }
    }

    /** @return why data that is not whole cannot be seeded, and what to check */
    static String incomplete(TorrentStatus s, Path dir) {
        return "cannot seed " + TorrentReport.printable(s.name()) + " from " + dir + ": only " + s.piecesDone() + " of "
                + s.pieceCount() + " pieces are there and good (" + ProgressLine.percent(s.progress())
                + "); -d must name the directory that holds " + TorrentReport.printable(s.name());
    }
}
