package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InterruptHandlerTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger stops = new AtomicInteger();
    private final List<Integer> halts = new ArrayList<>();
    private final InterruptHandler handler = new InterruptHandler(stops::incrementAndGet, halts::add,
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void theFirstCtrlCStopsGracefullyTheSecondHalts() {
        assertFalse(handler.interrupted());
        handler.signal();
        assertTrue(handler.interrupted());
        assertEquals(1, stops.get());
        assertEquals(List.of(), halts);
        assertEquals(System.lineSeparator() + "torrpedo: stopping (press Ctrl-C again to quit at once)"
                + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
        handler.signal();
        handler.signal();
        assertEquals(1, stops.get());
        assertEquals(List.of(130, 130), halts);
    }

    @Test
    void aSecondCtrlCHaltsWhileTheGracefulStopHangs() throws Exception {
        java.util.concurrent.CountDownLatch hanging = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<Integer> halted = new java.util.concurrent.CopyOnWriteArrayList<>();
        InterruptHandler h = new InterruptHandler(() -> {
            hanging.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, halted::add, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Thread first = new Thread(h::signal, "first SIGINT");
        first.start();
        assertTrue(hanging.await(10, java.util.concurrent.TimeUnit.SECONDS));
        h.signal();
        assertEquals(List.of(130), halted);
        release.countDown();
        first.join(10_000);
        assertFalse(first.isAlive());
    }

    /** A real SIGINT, sent to this JVM with kill(1), reaches the handler, unless SIGINT was ignored at startup. */
    @Test
    void aRealSigintReachesTheHandler() throws Exception {
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
        try (InterruptHandler h = InterruptHandler.install(seen::countDown,
                new PrintStream(err, true, StandardCharsets.UTF_8))) {
            if (sigintIgnoredAtStartup()) {
                assertFalse(h.installed());
                return;
            }
            assertTrue(h.installed());
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            assertEquals(0, kill.waitFor());
            assertTrue(seen.await(10, java.util.concurrent.TimeUnit.SECONDS), "SIGINT did not arrive");
            assertTrue(h.interrupted());
        }
    }

    /** Linux: bit 2 of SigIgn in /proc/self/status. */
    static boolean sigintIgnoredAtStartup() throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).strip(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
