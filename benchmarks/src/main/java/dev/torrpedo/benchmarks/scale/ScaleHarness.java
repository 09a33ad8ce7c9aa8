package dev.torrpedo.benchmarks.scale;

import dev.torrpedo.engine.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scale of one session, through the engine's public API only: (a) many idle torrents and
 * (b) many idle peer connections, each measured as heap retained and RSS per unit, with
 * the CPU the session burns while idle. Not a JMH benchmark: run it as a program.
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.torrpedo.benchmarks.scale.ScaleHarness
 * java -cp benchmarks/target/benchmarks.jar dev.torrpedo.benchmarks.scale.ScaleHarness \
 *     --torrents 1000 --connections 500 --idle-seconds 10
 * </pre>
 *
 * <p>Options: {@code --torrents N} (1000, 0 skips part a), {@code --connections N} (500, 0
 * skips part b), {@code --idle-seconds S} (10), {@code --torrent-size BYTES} (65536),
 * {@code --piece-length BYTES} (16384), {@code --paused} (add the torrents paused instead of
 * seeding), {@code --network-threads N} (the session's default: one per core).
 * Temporary files go under {@code java.io.tmpdir} and are deleted at the end.
 */
public final class ScaleHarness {
    /** The goal for one idle torrent's heap. */
    static final long TORRENT_GOAL = 50 * 1024;
    /** The goal for one idle connection's heap. */
    static final long CONNECTION_GOAL = 64 * 1024;

    private ScaleHarness() {
    }

    /**
     * What to run.
     *
     * @param torrents       idle torrents to add (0: skip)
     * @param connections    peer connections to open (0: skip)
     * @param idleMillis     length of each idle CPU window
     * @param torrentSize    bytes of each torrent's single file
     * @param pieceLength    piece length of those torrents
     * @param paused         whether the torrents are added paused rather than seeding
     * @param networkThreads the session's network threads
     */
    record Options(int torrents, int connections, long idleMillis, long torrentSize, int pieceLength, boolean paused,
                   int networkThreads) {

        static Options parse(String[] args) {
            int torrents = 1000;
            int connections = 500;
            long idle = 10_000;
            long size = 64 * 1024;
            int piece = 16 * 1024;
            boolean paused = false;
            int threads = Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--torrents" -> torrents = Integer.parseInt(args[++i]);
                    case "--connections" -> connections = Integer.parseInt(args[++i]);
                    case "--idle-seconds" -> idle = Math.round(Double.parseDouble(args[++i]) * 1000);
                    case "--torrent-size" -> size = Long.parseLong(args[++i]);
                    case "--piece-length" -> piece = Integer.parseInt(args[++i]);
                    case "--paused" -> paused = true;
                    case "--network-threads" -> threads = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option: " + a);
                }
            }
            if (torrents < 0 || connections < 0 || idle < 100 || size < 1 || piece < 16 * 1024 || threads < 1) {
                throw new IllegalArgumentException("out of range: torrents " + torrents + ", connections "
                        + connections + ", idle ms " + idle + ", size " + size + ", piece " + piece + ", threads "
                        + threads);
            }
            return new Options(torrents, connections, idle, size, piece, paused, threads);
        }
    }

    /**
     * Runs the harness and prints its figures.
     *
     * @param args see the class comment
     * @throws Exception if a part fails (a torrent that does not reach its state, a
     *                   connection that does not complete, a deadline passed)
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report report = new Report(System.out);
        report.line("scale harness: %s; %d cores, max heap %s, %s %s", options,
                Runtime.getRuntime().availableProcessors(), Report.bytes(Runtime.getRuntime().maxMemory()),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        Path root = Files.createTempDirectory("torrpedo-scale");
        try {
            if (options.torrents() > 0) {
                report.line("-- (a) idle torrents");
                new IdleTorrents(options, report).run(root.resolve("a"));
            }
            if (options.connections() > 0) {
                report.line("-- (b) idle peer connections");
                new IdleConnections(options, report).run(root.resolve("b"));
            }
        } finally {
            deleteTree(root);
        }
        report.line("-- goals");
        for (String v : report.verdicts()) {
            report.line("%s", v);
        }
    }

    /**
     * Settings that keep a session to itself: no DHT, no local discovery (its multicast
     * would reach other sessions on the machine), no trackers reachable anyway.
     */
    static Settings.Builder quietSettings() {
        return Settings.defaults().toBuilder().dht(false).lsd(false);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
