package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code torrpedo rpc} as a child process, driven the way a frontend drives it: requests
 * written to its stdin one per line, every line of its stdout read as JSON-RPC, stderr kept
 * in a file. Answers are matched by id; notifications met on the way are kept for later.
 */
final class RpcChild implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final Path stderr;
    private final OutputStream stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> allLines = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, Object>> notifications = new ArrayList<>();
    private final Thread reader;
    private int nextId = 1;

    private RpcChild(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.stdin = process.getOutputStream();
        this.reader = new Thread(this::read, "rpc-child-stdout");
        reader.start();
    }

    /** Starts {@code java -jar torrpedo.jar rpc args} in {@code dir}. */
    static RpcChild start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(JarRun.command("rpc"));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "rpc", ".stderr");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.to(err.toFile())).start();
        return new RpcChild(p, err);
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                allLines.add(line);
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("READ FAILED " + e);
        }
        lines.add(EOF);
    }

    /** Writes one line to the engine's stdin. */
    void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a request and waits for its answer (the whole response object). */
    Map<String, Object> call(String method, Object params) throws InterruptedException {
        int id = nextId++;
        send(json(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params)));
        while (true) {
            Map<String, Object> m = next("the answer to " + method);
            if (m.containsKey("method")) {
                notifications.add(m);
            } else if (Integer.valueOf(id).equals(m.get("id"))) {
                return m;
            }
        }
    }

    /** Sends a request and returns its result, failing if it was an error. */
    @SuppressWarnings("unchecked")
    <T> T ok(String method, Object params) throws InterruptedException {
        Map<String, Object> r = call(method, params);
        assertNull(r.get("error"), method + " failed: " + r);
        return (T) r.get("result");
    }

    /** Sends a request that must fail with {@code code}; returns the error object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> error(int code, String method, Object params) throws InterruptedException {
        Map<String, Object> r = call(method, params);
        Map<String, Object> e = (Map<String, Object>) r.get("error");
        assertNotNull(e, method + " should have failed: " + r);
        assertEquals(code, e.get("code"), r.toString());
        return e;
    }

    /** Waits for a notification of {@code method} whose params match; earlier ones are kept. */
    @SuppressWarnings("unchecked")
    Map<String, Object> notification(String method, Predicate<Map<String, Object>> match) throws InterruptedException {
        for (int i = 0; i < notifications.size(); i++) {
            Map<String, Object> n = notifications.get(i);
            if (method.equals(n.get("method")) && match.test((Map<String, Object>) n.get("params"))) {
                notifications.remove(i);
                return (Map<String, Object>) n.get("params");
            }
        }
        while (true) {
            Map<String, Object> m = next(method);
            if (method.equals(m.get("method")) && match.test((Map<String, Object>) m.get("params"))) {
                return (Map<String, Object>) m.get("params");
            }
            if (m.containsKey("method")) {
                notifications.add(m);
            }
        }
    }

    /** The notifications read so far and not yet waited for (forgets them). */
    List<Map<String, Object>> takeNotifications() {
        List<Map<String, Object>> n = new ArrayList<>(notifications);
        notifications.clear();
        return n;
    }

    private Map<String, Object> next(String what) throws InterruptedException {
        String line = lines.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("nothing from the engine within " + DEADLINE + " while waiting for " + what + "; stderr:\n" + stderr());
        }
        if (line.equals(EOF)) {
            fail("the engine's stdout ended while waiting for " + what + "; stderr:\n" + stderr());
        }
        return map(line);
    }

    /** Closes the engine's stdin, as a frontend that quits does. */
    void closeStdin() throws IOException {
        stdin.close();
    }

    /**
     * Waits for the process to exit and for its stdout to end.
     *
     * @return the exit code
     */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("still running " + DEADLINE + " later; stderr:\n" + stderr());
        }
        reader.join(DEADLINE.toMillis());
        return process.exitValue();
    }

    /** Every line the engine wrote on stdout so far. */
    List<String> stdoutLines() {
        synchronized (allLines) {
            return List.copyOf(allLines);
        }
    }

    /** What it wrote on stderr so far. */
    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The process is alive. */
    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(DEADLINE.toMillis());
    }

    static String json(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String line) {
        try {
            return (Map<String, Object>) JSON.std.anyFrom(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON on the engine's stdout: " + line, e);
        }
    }
}
