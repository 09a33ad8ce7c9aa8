package dev.torrpedo.storage.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jctools.queues.MpscLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs one at a time, in the order they were submitted, on a {@link WorkerPool}: an
 * actor. Any thread may submit (lock-free); at most one pool thread runs the queue at a
 * time, so a job sees everything earlier jobs did.
 *
 * <p>A job may pause the queue by returning {@code false} from {@link Job#run()} (waiting
 * for hashing to finish, or for a recheck running elsewhere); whoever it waits for calls
 * {@link #resume()}, and the same job runs again. A resume that arrives before the job
 * returned is not lost.
 */
final class SerialQueue implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialQueue.class);
    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;
    private static final int PAUSED = 2;
    private static final int RESUMED = 3;
    /** Jobs run before the queue yields its thread to other queues. */
    private static final int BATCH = 64;

    /** A unit of work. */
    abstract static class Job {
        /** @return {@code true} when done; {@code false} to pause the queue until {@link #resume()} */
        abstract boolean run();

        /** The job will never run (the pool is closed): release what it holds and report. */
        abstract void fail();
    }

    private final WorkerPool pool;
    private final MpscLinkedQueue<Job> jobs = new MpscLinkedQueue<>();
    private final AtomicInteger state = new AtomicInteger(IDLE);
    /** The job being run or paused; touched only by the thread running the queue. */
    private Job current;

    SerialQueue(WorkerPool pool) {
        this.pool = pool;
    }

    /** Queues a job; never blocks. If the pool is closed, the job fails at once. */
    void submit(Job job) {
        jobs.offer(job);
        if (state.compareAndSet(IDLE, SCHEDULED)) {
            schedule();
        }
    }

    private void schedule() {
        try {
            pool.execute(this);
        } catch (RejectedExecutionException e) {
            failAll();
        }
    }

    private void failAll() {
        do {
            Job j;
            if (current != null) {
                j = current;
                current = null;
                j.fail();
            }
            while ((j = jobs.poll()) != null) {
                j.fail();
            }
            state.set(IDLE);
        } while (!jobs.isEmpty() && state.compareAndSet(IDLE, SCHEDULED));
    }

    /** Lets a paused job run again. */
    void resume() {
        while (true) {
            int s = state.get();
            if (s == PAUSED) {
                if (state.compareAndSet(PAUSED, SCHEDULED)) {
                    schedule();
                    return;
                }
            } else if (s == SCHEDULED) {
                if (state.compareAndSet(SCHEDULED, RESUMED)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    @Override
    public void run() {
        int ran = 0;
        while (true) {
            Job job = current != null ? current : jobs.poll();
            if (job == null) {
                state.set(IDLE);
                if (jobs.isEmpty() || !state.compareAndSet(IDLE, SCHEDULED)) {
                    return;
                }
                continue;
            }
            current = job;
            boolean done;
            try {
                done = job.run();
            } catch (Throwable t) {
                LOG.error("storage job failed", t);
                done = true;
            }
            if (done) {
                current = null;
            } else if (state.compareAndSet(SCHEDULED, PAUSED)) {
                return;
            } else {
                state.set(SCHEDULED); // resumed while it ran: run it again
                continue;
            }
            if (++ran == BATCH) {
                schedule(); // let other queues have the thread
                return;
            }
        }
    }
}
