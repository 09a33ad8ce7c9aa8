/**
 * The {@code torrpedo} command: {@code download}, {@code seed}, {@code create}, {@code info},
 * {@code demo} and {@code rpc}, on picocli.
 *
 * <p>{@link dev.torrpedo.cli.Main} runs the command tree and turns every failure into one
 * line on stderr and an {@link dev.torrpedo.cli.ExitCode}. The rest is plumbing the
 * commands share, each piece a pure function tested on its own: sizes and rates
 * ({@link dev.torrpedo.cli.Units}), {@code --select} ({@link dev.torrpedo.cli.FileSelection}),
 * {@code HOST:PORT} ({@link dev.torrpedo.cli.HostPort}), the progress line
 * ({@link dev.torrpedo.cli.ProgressLine}, {@link dev.torrpedo.cli.ProgressPrinter}), the
 * {@code --json} status line ({@link dev.torrpedo.cli.JsonStatus}) and Ctrl-C
 * ({@link dev.torrpedo.cli.InterruptHandler}).
 *
 * <p>stdout carries what the user asked for (a listing, JSON, the progress line); logs,
 * errors and hashing progress go to stderr.
 */
package dev.torrpedo.cli;
