package dev.torrpedo.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A real client running as a child process, its output captured in a log file. Closing it
 * kills the process and its descendants and waits for them to exit.
 */
final class PeerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static PeerProcess start(String name, Path workDir, List<String> command) {
        Path log = workDir.resolve(name + ".log");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            return new PeerProcess(name, p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    /** @return everything the process has printed so far */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code line} and a newline to the process's standard input (scripts that take commands). */
    void send(String line) {
        try {
            java.io.OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to " + name, e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the output contains {@code text}; fails at the deadline or if the process exits. */
    void awaitOutput(String text, Duration timeout) {
        await(() -> output().contains(text), "output containing '" + text + "'", timeout);
    }

    /** Waits until something accepts TCP connections on 127.0.0.1:{@code port}. */
    void awaitListening(int port, Duration timeout) {
        await(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, "a listener on port " + port, timeout);
    }

    /** Polls {@code condition} until it holds; fails at the deadline or if the process exits. */
    void await(BooleanSupplier condition, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while waiting for "
                        + what + "; output:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": no " + what + " within " + timeout + "; output:\n" + output());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50); // the poll interval; the deadline above bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still running after " + timeout + "; output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle d : descendants) {
                d.destroyForcibly();
                d.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new AssertionError("could not stop " + name, e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
