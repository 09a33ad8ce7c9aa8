package dev.torrpedo.cli;

import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.rpc.RpcServer;
import dev.torrpedo.rpc.SessionRpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
        Settings settings = discovery.apply(Settings.defaults().toBuilder().encryption(engineEncryption(encryption)))
                .build();
        createDirectory(dir);
        Session session;
        try {
            session = Session.builder().listenPort(port).downloadDir(dir).settings(settings).build();
        } catch (UncheckedIOException e) {
            throw CliException.runtime("cannot listen on port " + port + ": " + e.getMessage()
                    + " (choose another with --port, or 0 for any)", e);
        }
        try (session) {
            RpcServer server = SessionRpc.builder(session, dir).allowedRoots(roots)
                    .engineVersion(VersionProvider.version()).build();
            // SIGTERM (a frontend quitting) and Ctrl-C close the session as engine.shutdown does
            Thread onTerm = new Thread(server::close, "torrpedo-rpc-sigterm");
            Runtime.getRuntime().addShutdownHook(onTerm);
            try (InterruptHandler ctrlC = InterruptHandler.install(server::close, parent.io().err())) {
                server.serveStdio();
                return ctrlC.interrupted() ? ExitCode.INTERRUPTED : ExitCode.OK;
            } finally {
                removeHook(onTerm);
            }
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw CliException.runtime("cannot create " + dir + " (--download-dir): " + e.getMessage(), e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down: the hook runs, and finds the server closed
        }
    }

    /** @return the engine's policy for the command line's */
    static dev.torrpedo.engine.Encryption engineEncryption(Encryption e) {
        switch (e) {
            case PLAIN:
                return dev.torrpedo.engine.Encryption.PLAINTEXT;
            case REQUIRE:
                return dev.torrpedo.engine.Encryption.REQUIRE;
            case PREFER:
            default:
                return dev.torrpedo.engine.Encryption.PREFER;
        }
    }
}
