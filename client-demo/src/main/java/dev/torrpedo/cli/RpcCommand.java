package dev.torrpedo.cli;

import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.rpc.RpcServer;
import dev.torrpedo.rpc.SessionRpc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code torrpedo rpc}: the engine as a child process for a frontend that spawns it. It
 * starts a session and serves JSON-RPC 2.0 on stdin/stdout, one message per line (the
 * contract is {@code rpc/README.md}); stdout carries protocol messages only, logs go to
 * stderr. It exits 0 when stdin closes or after answering {@code engine.shutdown}, and on
 * SIGTERM or Ctrl-C, each time with the session closed: resume data saved, trackers told.
 */
@Command(name = "rpc", sortOptions = false,
        description = {"Serve JSON-RPC 2.0 over stdin/stdout, one message per line (for frontends that spawn"
                + " torrpedo); exits when stdin closes or on engine.shutdown. stdout carries protocol messages only."})
final class RpcCommand implements Callable<Integer> {
    @ParentCommand
    TorrpedoCommand parent;

    @Option(names = "--port", paramLabel = "P", converter = Converters.Port.class, defaultValue = "6881",
            description = "Port to listen on for peers (TCP and UDP); 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = NetworkOptions.DEFAULT_PORT;

    @Option(names = "--download-dir", paramLabel = "DIR", defaultValue = ".",
            description = "Where torrents are saved unless a request names another save path, and what relative"
                    + " paths in requests are resolved against (default: the working directory).")
    Path downloadDir;

    @Option(names = "--allowed-root", paramLabel = "DIR",
            description = "A directory requests may name paths under (repeatable): save paths, moves, .torrent files."
                    + " Default: the download directory alone.")
    List<Path> allowedRoots = new ArrayList<>();

    @Option(names = "--encryption", paramLabel = "POLICY", converter = Converters.EncryptionPolicy.class,
            completionCandidates = Converters.EncryptionNames.class, defaultValue = "prefer",
            description = "Peer encryption (MSE/PE): ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Encryption encryption = Encryption.PREFER;

    @Mixin
    DiscoveryOptions discovery = new DiscoveryOptions();

    @Override
    public Integer call() throws InterruptedException {
        Path dir = OutputDirectory.check(downloadDir, "--download-dir");
        List<Path> roots = new ArrayList<>();
        for (Path r : allowedRoots) {
            roots.add(r.toAbsolutePath().normalize());
        }
        Settings settings = discovery.apply(Settings.defaults().toBuilder().encryption(encryption.engine())).build();
        OutputDirectory.create(dir, "--download-dir");
        try (Session session = EngineSessions.start(Session.builder().downloadDir(dir).settings(settings), port)) {
            RpcServer server = SessionRpc.builder(session, dir).allowedRoots(roots)
                    .engineVersion(VersionProvider.version()).build();
            // SIGTERM (a frontend quitting) and Ctrl-C close the session as engine.shutdown does
            try (CloseOnExit onTerm = new CloseOnExit("torrpedo-rpc-sigterm", server::close);
                 InterruptHandler ctrlC = InterruptHandler.install(server::close, parent.io().err())) {
                server.serveStdio();
                return ctrlC.interrupted() ? ExitCode.INTERRUPTED : ExitCode.OK;
            }
        }
    }
}
