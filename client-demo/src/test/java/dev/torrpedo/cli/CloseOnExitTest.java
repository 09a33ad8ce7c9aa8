package dev.torrpedo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CloseOnExitTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void theActionRunsOnce() {
        AtomicInteger runs = new AtomicInteger();
        CloseOnExit c = new CloseOnExit("test-close", runs::incrementAndGet);
        c.close();
        c.close();
        assertEquals(1, runs.get());
    }

    /** As when SIGTERM's hook arrives while the command is closing: the hook waits, so the JVM does not exit mid-close. */
    @Test
    void aSecondCallerWaitsForTheFirstToFinish() throws Exception {
        CountDownLatch inAction = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CloseOnExit c = new CloseOnExit("test-close", () -> {
            runs.incrementAndGet();
            inAction.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread first = new Thread(c::close, "first");
        first.start();
        assertTrue(inAction.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        Thread second = new Thread(c::close, "second");
        second.start();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (second.getState() != Thread.State.BLOCKED) {
            assertTrue(second.isAlive(), "the second caller returned while the first was still closing");
            assertTrue(System.nanoTime() < deadline, "the second caller never blocked: " + second.getState());
            Thread.onSpinWait();
        }
        release.countDown();
        first.join(TIMEOUT.toMillis());
        second.join(TIMEOUT.toMillis());
        assertEquals(1, runs.get());
    }
}
