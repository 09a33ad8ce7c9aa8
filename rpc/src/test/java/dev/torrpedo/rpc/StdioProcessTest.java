package dev.torrpedo.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge as a child process on its real stdin and stdout: stdout carries protocol
 * messages only, whatever the code prints or logs; the process exits 0 when stdin closes,
 * and on engine.shutdown while stdin stays open.
 */
class StdioProcessTest {
    @TempDir
    Path dir;
    private Process process;

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", StdioMain.class.getName());
        pb.redirectError(dir.resolve("stderr").toFile());
        process = pb.start();
        return process;
    }

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr"));
    }

    @Test
    void stdoutCarriesOnlyProtocolAndEndOfInputExitsCleanly() throws Exception {
        Process p = start();
        OutputStream in = p.getOutputStream();
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"noise\"}");
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"engine.hello\"}");
        send(in, "not json");
        in.close();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits after stdin closes");
        assertEquals(0, p.exitValue(), stderr());
        assertEquals(3, lines.size(), "stdout: " + lines);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"quiet\"}", lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"protocolVersion\":1,"
                + "\"engineVersion\":\"child\""), lines.get(1));
        assertTrue(lines.get(2).startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"), lines.get(2));
        String err = stderr();
        assertTrue(err.contains("this must not reach stdout"), err);
        assertTrue(err.contains("a log line"), err);
        assertTrue(err.indexOf("hook ran") < err.indexOf("serve returned") && err.contains("hook ran"), err);
    }

    @Test
    void shutdownExitsWhileStdinStaysOpen() throws Exception {
        Process p = start();
        OutputStream in = p.getOutputStream();
        send(in, "{\"jsonrpc\":\"2.0\",\"id\":\"bye\",\"method\":\"engine.shutdown\"}");
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"bye\",\"result\":{}}", out.readLine());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits although stdin is still open: " + stderr());
        assertEquals(0, p.exitValue(), stderr());
        assertEquals(null, out.readLine());
        assertTrue(stderr().contains("hook ran"));
        assertTrue(!stderr().contains("did not end"), "the stdin read was interrupted, not abandoned: " + stderr());
        in.close();
    }
}
