package dev.torrpedo.benchmarks.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this JVM holds and burns: heap retained after full collections, resident set size
 * from {@code /proc/self/status}, and CPU time of the whole process and of the session's
 * threads (those named {@code torrpedo-*}).
 */
final class Gauge {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /**
     * A reading.
     *
     * @param heapBytes      heap used after the collections
     * @param rssBytes       resident set size ({@code VmRSS}), 0 where there is no /proc
     * @param processCpuNanos user plus system CPU time of the process
     * @param sessionCpuNanos CPU time of the live threads named {@code torrpedo-*}
     * @param wallNanos      {@link System#nanoTime()} when read
     */
    record Reading(long heapBytes, long rssBytes, long processCpuNanos, long sessionCpuNanos, long wallNanos) {
    }

    /**
     * Collects garbage until the used heap stops shrinking (at most eight times), then reads.
     *
     * @return the reading
     */
    Reading settleAndRead() throws InterruptedException {
        long previous = Long.MAX_VALUE;
        for (int i = 0; i < 8; i++) {
            System.gc();
            Thread.sleep(100); // let reference processing and finalisation run; a measuring pause, not a wait
            long used = memory.getHeapMemoryUsage().getUsed();
            if (i >= 2 && used >= previous - 64 * 1024) {
                break;
            }
            previous = Math.min(previous, used);
        }
        return read(memory.getHeapMemoryUsage().getUsed());
    }

    /**
     * CPU used over a window, each as a percentage of one core.
     *
     * @param process the whole process (the harness's own threads, GC and JIT included)
     * @param session the session's threads ({@code torrpedo-*}) alone
     */
    record Cpu(double process, double session, Map<String, Double> byPool) {
        @Override
        public String toString() {
            StringBuilder top = new StringBuilder();
            byPool.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3)
                    .forEach(e -> top.append(top.length() == 0 ? "" : ", ").append(e.getKey())
                            .append(String.format(" %.2f", e.getValue())));
            return String.format("%.2f / %.2f [%s]", process, session, top);
        }
    }

    /** Sleeps {@code millis} (the measuring window itself) and tells what CPU went meanwhile. */
    Cpu idle(long millis) throws InterruptedException {
        Map<Long, Long> before = threadCpu();
        Reading a = read(0);
        Thread.sleep(millis);
        Reading b = read(0);
        Map<Long, Long> after = threadCpu();
        double wall = b.wallNanos() - a.wallNanos();
        Map<String, Double> byPool = new HashMap<>();
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ThreadInfo info = threads.getThreadInfo(e.getKey());
            if (info != null && info.getThreadName().startsWith("torrpedo")) {
                String pool = info.getThreadName().replaceAll("-\\d+$", "");
                byPool.merge(pool, 100.0 * (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / wall, Double::sum);
            }
        }
        return new Cpu(100.0 * (b.processCpuNanos() - a.processCpuNanos()) / wall,
                100.0 * (b.sessionCpuNanos() - a.sessionCpuNanos()) / wall, byPool);
    }

    private Reading read(long heap) {
        return new Reading(heap, rss(), processCpu(), sessionCpu(), System.nanoTime());
    }

    private Map<Long, Long> threadCpu() {
        Map<Long, Long> out = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                out.put(id, t);
            }
        }
        return out;
    }

    private long sessionCpu() {
        long sum = 0;
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && infos[i].getThreadName().startsWith("torrpedo")) {
                long t = threads.getThreadCpuTime(ids[i]);
                if (t > 0) {
                    sum += t;
                }
            }
        }
        return sum;
    }

    /** @return VmRSS in bytes, 0 without /proc */
    static long rss() {
        if (!Files.isReadable(STATUS)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long processCpu() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        if (!Files.isReadable(STAT)) {
            return 0;
        }
        try {
            String stat = Files.readString(STAT);
            // fields after the ")" of the command name: state is field 3, utime 14, stime 15
            List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            long ticks = Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
            return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
