package dev.torrpedo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code torrpedo} command's entry point ({@code java -jar torrpedo.jar ...}). Every
 * failure ends here as one line on stderr and an {@link ExitCode}.
 */
public final class Main {
    private Main() {
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(Io.system(), args));
    }

    /**
     * Runs the command without exiting.
     *
     * @return the exit code, one of {@link ExitCode}
     */
    public static int run(Io io, String... args) {
        return commandLine(io).execute(args);
    }

    /** @return the command tree, its streams and its error handling set up */
    static CommandLine commandLine(Io io) {
        TorrpedoCommand top = new TorrpedoCommand(io);
        CommandLine cl = new CommandLine(top);
        cl.setOut(new PrintWriter(io.out(), true));
        cl.setErr(new PrintWriter(io.err(), true));
        cl.setParameterExceptionHandler(usageError(io));
        cl.setExecutionExceptionHandler(runtimeError(io, top));
        return cl;
    }

    /** Bad usage: one line naming the problem and where the help is; exit code 2. */
    private static IParameterExceptionHandler usageError(Io io) {
        return (ParameterException e, String[] args) -> {
            CommandSpec spec = e.getCommandLine().getCommandSpec();
            String message = ErrorReporter.oneLine(e.getMessage()).replaceFirst("^Error: ", "");
            io.err().println(ErrorReporter.PREFIX + message + " (see '"
                    + spec.qualifiedName() + " --help')");
            io.err().flush();
            return ExitCode.USAGE;
        };
    }

    private static IExecutionExceptionHandler runtimeError(Io io, TorrpedoCommand top) {
        return (e, commandLine, parseResult) -> ErrorReporter.report(e, top.isVerbose(), io.err());
    }
}
