package dev.torrpedo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code torrpedo.jar} as a child process, as a user would, with stdout and
 * stderr captured apart. The jar is the one {@code package} made (system property
 * {@code torrpedo.jar}, set by failsafe).
 */
final class JarRun implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * What a finished run left.
     *
     * @param exitCode the exit code
     * @param stdout   what it wrote on stdout
     * @param stderr   what it wrote on stderr
     */
    record Result(int exitCode, String stdout, String stderr) {
        /** @return stderr's lines */
        List<String> errLines() {
            return stderr.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Process process;
    private final Path out;
    private final Path err;

    private JarRun(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** @return the jar under test; fails with what to do when it was not built */
    static Path jar() {
        String p = System.getProperty("torrpedo.jar");
        if (p == null || !Files.isRegularFile(Path.of(p))) {
            throw new AssertionError("torrpedo.jar not found at " + p + ": run these tests with 'mvn verify' (after package)");
        }
        return Path.of(p);
    }

    /** @return {@code java -jar torrpedo.jar} and {@code args} */
    static List<String> command(String... args) {
        return command(List.of(), args);
    }

    /** @return {@code java <jvmOptions> -jar torrpedo.jar} and {@code args} */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /**
     * @return {@code command} run so that it sees SIGINT even when this JVM was started with
     *         SIGINT ignored (as a background job of a shell is): behind {@code env
     *         --default-signal=INT} where {@code env} has that option
     */
    static List<String> catchingSigint(List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (envResetsSignals()) {
            cmd.addAll(List.of("env", "--default-signal=INT"));
        }
        cmd.addAll(command);
        return cmd;
    }

    private static boolean envResetsSignals() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs {@code torrpedo args} in {@code dir} to the end. */
    static Result run(Path dir, String... args) {
        try (JarRun r = start(dir, Map.of(), command(args))) {
            return r.await(TIMEOUT);
        }
    }

    /** Starts {@code command} in {@code dir}, stdin closed, outputs into files beside. */
    static JarRun start(Path dir, Map<String, String> env, List<String> command) {
        try {
            Path logs = Files.createTempDirectory(dir, ".run");
            Path out = logs.resolve("stdout");
            Path err = logs.resolve("stderr");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            return new JarRun(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the process id */
    long pid() {
        return process.pid();
    }

    /** Sends {@code signal} ({@code INT}, {@code TERM}) to the process. */
    void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return whether the process still runs */
    boolean isAlive() {
        return process.isAlive();
    }

    /** @return what it has written on stdout so far */
    String stdoutSoFar() {
        try {
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls stdout until a line matches {@code test}; fails past {@code timeout}, or if the
     * process ends first.
     *
     * @return the first such line
     */
    String awaitLine(java.util.function.Predicate<String> test, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            java.util.Optional<String> line = stdoutSoFar().lines().filter(test).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError("exited (" + process.exitValue() + ") before " + what + "\n--- stdout\n"
                        + stdoutSoFar() + "--- stderr\n" + stderrSoFar());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + what + " within " + timeout + "\n--- stdout\n" + stdoutSoFar()
                        + "--- stderr\n" + stderrSoFar());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** @return what it has written on stderr so far */
    String stderrSoFar() {
        try {
            return Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the end; fails (and kills it) past {@code timeout}. */
    Result await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + timeout + "; stderr so far:\n" + stderrSoFar());
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
