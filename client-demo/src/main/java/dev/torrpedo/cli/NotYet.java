package dev.torrpedo.cli;

/** The commands that need the engine, until it is wired in. */
final class NotYet {
    private NotYet() {
    }

    /** @return the failure {@code command} reports: one line, {@link ExitCode#RUNTIME} */
    static CliException available(String command) {
        return CliException.runtime("'" + command + "' is not available yet: this build has no engine"
                + " ('create' and 'info' work)", null);
    }
}
