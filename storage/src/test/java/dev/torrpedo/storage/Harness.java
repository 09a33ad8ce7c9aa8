package dev.torrpedo.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Pools, a single-threaded "event loop" for callbacks, and helpers that turn the storage's
 * callbacks into futures. Counts releases so a test can assert each block was released once.
 */
public final class Harness implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    public final DiskIoPool disk;
    public final VerifierPool verifier;
    public final ExecutorService loop;
    public final AtomicInteger handedOver = new AtomicInteger();
    public final AtomicInteger released = new AtomicInteger();
    private volatile Thread loopThread;

    public Harness() {
        this(StorageSettings.defaults(), 2);
    }

    public Harness(StorageSettings settings, int verifierThreads) {
        this.disk = DiskIoPool.create(settings);
        this.verifier = VerifierPool.create(verifierThreads);
        this.loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-loop");
            t.setDaemon(true);
            loopThread = t;
            return t;
        });
    }

    public StorageFactory files() {
        return StorageFactory.files(disk, verifier);
    }

    public StorageFactory memory() {
        return StorageFactory.memory(disk, verifier);
    }

    boolean onLoop() {
        return Thread.currentThread() == loopThread;
    }

    /** Writes {@code bytes[off, off+len)} at (piece, offset); completes when written (exceptionally on error). */
    public CompletableFuture<Void> write(Storage s, int piece, int offset, byte[] bytes, int off, int len) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        handedOver.incrementAndGet();
        AtomicInteger once = new AtomicInteger();
        s.write(piece, offset, ByteBuffer.wrap(bytes, off, len).slice(), () -> {
            assertEquals(1, once.incrementAndGet(), "released twice");
            released.incrementAndGet();
        }, loop, new WriteHandler() {
            @Override
            public void written(int p, int o, int l, StorageException error) {
                if (!onLoop()) {
                    f.completeExceptionally(new AssertionError("callback off the loop"));
                } else if (error != null) {
                    f.completeExceptionally(error);
                } else {
                    f.complete(null);
                }
            }

            @Override
            public void drained() {
            }
        });
        return f;
    }

    /** Writes a whole piece in blocks of {@code block} bytes, in order. */
    public void writePiece(Storage s, int piece, byte[] data, int block) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[(data.length + block - 1) / block];
        for (int i = 0, off = 0; off < data.length; i++, off += block) {
            all[i] = write(s, piece, off, data, off, Math.min(block, data.length - off));
        }
        join(CompletableFuture.allOf(all));
    }

    public CompletableFuture<Boolean> verify(Storage s, int piece) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        s.verify(piece, loop, (p, passed, error) -> {
            if (!onLoop()) {
                f.completeExceptionally(new AssertionError("callback off the loop"));
            } else if (error != null) {
                f.completeExceptionally(error);
            } else {
                f.complete(passed);
            }
        });
        return f;
    }

    public CompletableFuture<ByteBuffer> read(Storage s, int piece, int offset, int length) {
        CompletableFuture<ByteBuffer> f = new CompletableFuture<>();
        s.read(piece, offset, length, loop, completing(f));
        return f;
    }

    /** Reads into {@code into} (from its position to its limit); completes with the buffer the handler got. */
    public CompletableFuture<ByteBuffer> readInto(Storage s, int piece, int offset, ByteBuffer into) {
        CompletableFuture<ByteBuffer> f = new CompletableFuture<>();
        s.readInto(piece, offset, into, loop, completing(f));
        return f;
    }

    /** @return a read handler that completes {@code f}, and fails it if called off the loop */
    private ReadHandler completing(CompletableFuture<ByteBuffer> f) {
        return (p, o, data, error) -> {
            if (!onLoop()) {
                f.completeExceptionally(new AssertionError("callback off the loop"));
            } else if (error != null) {
                f.completeExceptionally(error);
            } else {
                f.complete(data);
            }
        };
    }

    public static <T> T join(CompletableFuture<T> f) {
        return f.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** @return the StorageException a future failed with */
    public static StorageException failure(CompletableFuture<?> f) {
        try {
            join(f);
        } catch (java.util.concurrent.CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof StorageException) {
                return (StorageException) c;
            }
            throw new AssertionError("failed with " + c, c);
        }
        throw new AssertionError("did not fail");
    }

    /** Polls until {@code condition} holds, up to the timeout. */
    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Asserts every block handed over was released exactly once. */
    public void assertAllReleased() {
        await(() -> released.get() == handedOver.get(), "every block released");
        assertEquals(handedOver.get(), released.get());
        assertEquals(0, disk.queuedBytes());
    }

    @Override
    public void close() {
        verifier.close();
        disk.close();
        loop.shutdown();
        try {
            assertTrue(loop.awaitTermination(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** @return whether a thread with this name prefix is alive */
    public static boolean threadAlive(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }
}
