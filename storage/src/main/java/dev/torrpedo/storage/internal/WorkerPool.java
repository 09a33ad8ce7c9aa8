package dev.torrpedo.storage.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpmcUnboundedXaddArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of threads taking tasks from one lock-free queue; idle threads park and are
 * woken one per submitted task. Submitting never blocks and takes no lock, so it is safe
 * on an event loop. {@link #close()} lets the threads finish every queued task, then joins
 * them.
 */
final class WorkerPool {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;
    /** Polls of an empty queue before parking. */
    private static final int SPINS = 256;

    private final MpmcUnboundedXaddArrayQueue<Runnable> tasks = new MpmcUnboundedXaddArrayQueue<>(256);
    private final MpmcUnboundedXaddArrayQueue<Worker> idle = new MpmcUnboundedXaddArrayQueue<>(64);
    private final Worker[] workers;
    private final Thread[] threads;
    private final AtomicInteger state = new AtomicInteger(OPEN);

    WorkerPool(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException(name + " threads: " + count + " (expected: >= 1)");
        }
        threads = new Thread[count];
        workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            Worker w = new Worker();
            Thread t = new Thread(() -> work(w), name + "-" + i);
            t.setDaemon(true);
            w.thread = t;
            workers[i] = w;
            threads[i] = t;
        }
        for (Thread t : threads) {
            t.start();
        }
    }

    int size() {
        return threads.length;
    }

    /**
     * Queues a task. Worker threads may queue more while the pool is closing (a job queue
     * that re-schedules itself); anyone else is refused once close() began.
     *
     * @throws RejectedExecutionException if the pool is closed
     */
    void execute(Runnable task) {
        int s = state.get();
        if (s == CLOSED || s == CLOSING && !isWorker(Thread.currentThread())) {
            throw new RejectedExecutionException("pool closed");
        }
        tasks.offer(task);
        Worker w = idle.poll();
        if (w != null) {
            w.registered.set(false);
            LockSupport.unpark(w.thread);
        }
    }

    private boolean isWorker(Thread t) {
        for (Thread w : threads) {
            if (w == t) {
                return true;
            }
        }
        return false;
    }

    private void work(Worker me) {
        while (true) {
            Runnable r = tasks.poll();
            if (r != null) {
                runSafely(r);
                continue;
            }
            if (state.get() != OPEN) {
                if (tasks.isEmpty()) {
                    return;
                }
                continue;
            }
            if (spin()) {
                continue; // work arrived within a few microseconds: no park, no unpark syscall
            }
            if (!me.registered.getAndSet(true)) {
                idle.offer(me);
            }
            if (!tasks.isEmpty() || state.get() != OPEN) {
                continue; // still registered: a later task's unpark finds us awake, which is harmless
            }
            LockSupport.park(this);
        }
    }

    /** @return whether a task arrived while spinning briefly */
    private boolean spin() {
        for (int i = 0; i < SPINS; i++) {
            if (!tasks.isEmpty()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            LOG.error("task failed on {}", Thread.currentThread().getName(), t);
        }
    }

    /** Finishes the queued tasks and joins the threads. Idempotent. */
    void close() {
        if (state.compareAndSet(OPEN, CLOSING)) {
            for (Thread t : threads) {
                LockSupport.unpark(t);
            }
        }
        if (isWorker(Thread.currentThread())) {
            throw new IllegalStateException("a pool cannot be closed from its own thread");
        }
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                LockSupport.unpark(t);
                try {
                    t.join(100);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        state.set(CLOSED);
        Runnable orphan;
        while ((orphan = tasks.poll()) != null) {
            runSafely(orphan); // queued by a worker in its last moments: still owed its outcome
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A thread and whether it sits in the idle queue. */
    private static final class Worker {
        final AtomicBoolean registered = new AtomicBoolean();
        Thread thread;
    }
}
