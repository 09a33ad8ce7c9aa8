package dev.torrpedo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top of the command tree: {@code torrpedo <command> ...}; alone, it shows the usage. */
@Command(name = "torrpedo", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "A BitTorrent client on the Torrpedo engine, in pure Java.",
        subcommands = {DownloadCommand.class, SeedCommand.class, CreateCommand.class, InfoCommand.class,
            DemoCommand.class, RpcCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:runtime error (a file or the network failed)",
            "2:bad usage (an unknown flag, a bad value)",
            "3:bad torrent or magnet link",
            "130:interrupted (Ctrl-C)"},
        footer = {"", "Errors are one line on stderr; --verbose adds the stack trace. Logs go to stderr."})
final class TorrpedoCommand implements Callable<Integer> {
    private final Io io;

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log more (info level) and show the stack trace of an error.")
    void verbose(boolean value) {
        verbose = value;
        if (value) {
            // Read by slf4j-simple when the first logger is made, which is after parsing.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
    }

    private boolean verbose;

    TorrpedoCommand(Io io) {
        this.io = io;
    }

    /** @return the streams and clock the commands use */
    Io io() {
        return io;
    }

    /** @return whether {@code --verbose} was given */
    boolean isVerbose() {
        return verbose;
    }

    /** No command: the usage on stderr, and bad usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return ExitCode.USAGE;
    }
}
