package dev.torrpedo.metainfo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes a .torrent from a file or a directory: v1, v2 or hybrid (the default). Immutable;
 * {@link #create()} may be called more than once.
 *
 * <pre>{@code
 * Torrent t = TorrentCreator.builder(dir)
 *         .version(TorrentVersion.HYBRID)
 *         .tracker("udp://tracker.example:6969/announce")
 *         .creationDate(clock.instant())
 *         .progress((done, total) -> bar.set(done, total))
 *         .build()
 *         .create();
 * Files.write(out, t.bytes());
 * }</pre>
 *
 * <p>Files are taken in BEP 52 order (by path, component by component, by UTF-8 bytes);
 * a directory is walked without following symlinks, and only regular files are included.
 * A hybrid gets a BEP 47 pad file ({@code .pad/N}, attribute {@code p}) after each file
 * that does not end on a piece boundary, except the last.
 *
 * <p>Hashing is split into jobs of a few MiB and spread over an executor: the caller's
 * (see {@link Builder#executor(Executor)}), or a pool of {@link Builder#parallelism(int)}
 * threads that {@link #create()} starts and shuts down before it returns. At most twice the
 * parallelism jobs are in flight, each with a buffer of at most 1 MiB, so memory stays
 * bounded whatever the size of the data.
 */
public final class TorrentCreator {
    /** Smallest automatic piece length. */
    static final int MIN_AUTO_PIECE = 16 * 1024;
    /** Largest automatic piece length. */
    static final int MAX_AUTO_PIECE = 16 * 1024 * 1024;
    private static final long JOB_BYTES = 8L * 1024 * 1024;

    /** Reports hashing progress. */
    @FunctionalInterface
    public interface ProgressListener {
        /**
         * Called on the thread that runs {@link #create()}, after each job, in order of completion.
         *
         * @param bytesHashed file bytes hashed so far
         * @param totalBytes  file bytes to hash in all
         */
        void progress(long bytesHashed, long totalBytes);
    }

    private final Path source;
    private final String name;
    private final TorrentVersion version;
    private final int pieceLength;
    private final List<List<String>> trackers;
    private final List<String> webSeeds;
    private final boolean isPrivate;
    private final String comment;
    private final String createdBy;
    private final Instant creationDate;
    private final Executor executor;
    private final int parallelism;
    private final ProgressListener progress;

    private TorrentCreator(Builder b) {
        this.source = b.source;
        this.name = b.name;
        this.version = b.version;
        this.pieceLength = b.pieceLength;
        this.trackers = List.copyOf(b.trackers);
        this.webSeeds = List.copyOf(b.webSeeds);
        this.isPrivate = b.isPrivate;
        this.comment = b.comment;
        this.createdBy = b.createdBy;
        this.creationDate = b.creationDate;
        this.executor = b.executor;
        this.parallelism = b.parallelism;
        this.progress = b.progress;
    }

    /** @return a builder for a torrent of {@code source}, a regular file or a directory */
    public static Builder builder(Path source) {
        return new Builder(source);
    }

    /**
     * The piece length chosen when none is set: the largest power of two not above
     * {@code 16 * sqrt(totalSize)}, within [16 KiB, 16 MiB]. This gives the same lengths as
     * libtorrent 2.0 (1 GiB: 512 KiB, 2048 pieces; 16 GiB: 2 MiB).
     */
    public static int autoPieceLength(long totalSize) {
        long target = (long) (16 * Math.sqrt((double) Math.max(0, totalSize)));
        long p = Long.highestOneBit(Math.max(1, target));
        return (int) Math.max(MIN_AUTO_PIECE, Math.min(MAX_AUTO_PIECE, p));
    }

    /**
     * Lists and hashes the files and returns the new torrent, parsed back and validated.
     * Blocks until done. Do not call it from a thread of the executor passed to the builder.
     *
     * @throws IOException          if a file cannot be read, changes size while it is
     *                              hashed, or there is nothing to hash
     * @throws InterruptedException if interrupted; outstanding jobs are cancelled
     */
    public Torrent create() throws IOException, InterruptedException {
        Path src = source.toAbsolutePath().normalize();
        String torrentName = name != null ? name : src.getFileName() == null ? null : src.getFileName().toString();
        if (torrentName == null || torrentName.isEmpty()) {
            throw new IOException(src + " has no name; set one with name(...)");
        }
        List<CreatorLayout.Entry> listed = CreatorLayout.list(src, torrentName);
        boolean single = java.nio.file.Files.isRegularFile(src, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        long payload = 0;
        for (CreatorLayout.Entry e : listed) {
            payload = Math.addExact(payload, e.length());
        }
        if (payload == 0) {
            throw new IOException("nothing to hash: every file under " + src + " is empty");
        }
        int pl = pieceLength > 0 ? pieceLength : autoPieceLength(payload);
        CreatorLayout layout = CreatorLayout.place(single, listed, version, pl);
        if (layout.pieceCount() > TorrentLimits.DEFAULT.maxPieces()) {
            throw new IllegalStateException(layout.pieceCount() + " pieces of " + pl + " bytes (expected: <= "
                    + TorrentLimits.DEFAULT.maxPieces() + "); choose a larger piece length");
        }
        byte[] v1Hashes = version.hasV1() ? new byte[Math.toIntExact(layout.pieceCount() * InfoHash.V1_LENGTH)] : null;
        byte[][] layers = version.hasV2() ? new byte[layout.entries.size()][] : null;
        List<HashJob> jobs = jobs(layout, v1Hashes, layers);
        hash(jobs, layout.payload);
        byte[] bytes = CreatorEncoder.encode(new CreatorEncoder.Meta(torrentName, version, trackers, webSeeds,
                isPrivate, comment, createdBy, creationDate), layout, v1Hashes, layers);
        return Torrent.parse(bytes, new TorrentLimits(Integer.MAX_VALUE - 8, TorrentLimits.DEFAULT.maxDepth(),
                Integer.MAX_VALUE, TorrentLimits.DEFAULT.maxPieces(), Integer.MAX_VALUE,
                TorrentLimits.DEFAULT.maxPathDepth()));
    }

    private List<HashJob> jobs(CreatorLayout layout, byte[] v1Hashes, byte[][] layers) {
        int pl = layout.pieceLength;
        int perJob = (int) Math.max(1, JOB_BYTES / pl);
        List<HashJob> jobs = new ArrayList<>();
        Queue<byte[]> buffers = new ConcurrentLinkedQueue<>();
        if (version == TorrentVersion.V1) {
            int count = (int) layout.pieceCount();
            for (int p = 0; p < count; p += perJob) {
                jobs.add(new HashJob(layout, version, -1, p, Math.min(count, p + perJob), v1Hashes, null, buffers));
            }
            return jobs;
        }
        for (int i = 0; i < layout.entries.size(); i++) {
            long length = layout.entries.get(i).length();
            int pieces = (int) ((length + pl - 1) / pl);
            layers[i] = new byte[pieces * Merkle.HASH_SIZE];
            for (int p = 0; p < pieces; p += perJob) {
                jobs.add(new HashJob(layout, version, i, p, Math.min(pieces, p + perJob), v1Hashes, layers, buffers));
            }
        }
        return jobs;
    }

    private void hash(List<HashJob> jobs, long total) throws IOException, InterruptedException {
        HashThreads threads = new HashThreads();
        ExecutorService own = executor == null ? Executors.newFixedThreadPool(parallelism, threads) : null;
        Executor exec = own != null ? own : executor;
        ExecutorCompletionService<Long> done = new ExecutorCompletionService<>(exec);
        List<Future<Long>> futures = new ArrayList<>();
        int next = 0;
        int inFlight = 0;
        long hashed = 0;
        try {
            while (next < jobs.size() && inFlight < 2 * parallelism) {
                futures.add(done.submit(jobs.get(next++)));
                inFlight++;
            }
            while (inFlight > 0) {
                Future<Long> f = done.take();
                inFlight--;
                hashed += f.get();
                if (progress != null) {
                    progress.progress(hashed, total);
                }
                if (next < jobs.size()) {
                    futures.add(done.submit(jobs.get(next++)));
                    inFlight++;
                }
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException("hashing failed", cause);
        } catch (InterruptedException | RuntimeException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        } finally {
            if (own != null) {
                own.shutdownNow();
                // a terminated pool's workers may still be finishing: wait for the threads themselves
                if (!threads.joinAll(TimeUnit.SECONDS.toNanos(30))) {
                    throw new IOException("hashing threads did not stop within 30 s");
                }
            }
        }
    }

    /**
     * Daemon threads named {@code torrpedo-hash-N}, so a forgotten pool never holds the JVM;
     * remembered, so that create() can wait until every one has ended.
     */
    private static final class HashThreads implements ThreadFactory {
        private static final AtomicInteger POOL = new AtomicInteger();
        private final int pool = POOL.incrementAndGet();
        private final AtomicInteger count = new AtomicInteger();
        private final java.util.Queue<Thread> created = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "torrpedo-hash-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            created.add(t);
            return t;
        }

        /** Joins every thread made, even if interrupted meanwhile (the interrupt is kept). */
        boolean joinAll(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            boolean interrupted = Thread.interrupted();
            try {
                for (Thread t : created) {
                    while (t.isAlive()) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        try {
                            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                }
                return true;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Settings of a {@link TorrentCreator}; each is checked when set. */
    public static final class Builder {
        private final Path source;
        private String name;
        private TorrentVersion version = TorrentVersion.HYBRID;
        private int pieceLength;
        private final List<List<String>> trackers = new ArrayList<>();
        private final List<String> webSeeds = new ArrayList<>();
        private boolean isPrivate;
        private String comment;
        private String createdBy;
        private Instant creationDate;
        private Executor executor;
        private int parallelism = Runtime.getRuntime().availableProcessors();
        private ProgressListener progress;

        private Builder(Path source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /** Sets the torrent's name (default: the file or directory name). */
        public Builder name(String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("name: '" + value + "' (expected: not empty)");
            }
            this.name = value;
            return this;
        }

        /** Sets v1, v2 or hybrid (default: hybrid). */
        public Builder version(TorrentVersion value) {
            this.version = Objects.requireNonNull(value, "version");
            return this;
        }

        /**
         * Sets the piece length; 0 (the default) picks one by {@link TorrentCreator#autoPieceLength(long)}.
         * v2 and hybrid torrents need a power of two of at least 16 KiB.
         */
        public Builder pieceLength(int value) {
            if (value < 0 || value > InfoParser.MAX_PIECE_LENGTH) {
                throw new IllegalArgumentException("pieceLength: " + value + " (expected: 0 for automatic, or [1, "
                        + InfoParser.MAX_PIECE_LENGTH + "])");
            }
            this.pieceLength = value;
            return this;
        }

        /** Adds a tracker in a tier of its own (BEP 12). */
        public Builder tracker(String url) {
            return trackerTier(List.of(url));
        }

        /** Adds a tier of trackers (BEP 12). */
        public Builder trackerTier(List<String> urls) {
            List<String> tier = new ArrayList<>();
            for (String u : urls) {
                if (u == null || u.isBlank()) {
                    throw new IllegalArgumentException("tracker: '" + u + "' (expected: a URL)");
                }
                tier.add(u.strip());
            }
            if (!tier.isEmpty()) {
                trackers.add(List.copyOf(tier));
            }
            return this;
        }

        /** Adds a web seed URL (BEP 19). */
        public Builder webSeed(String url) {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("webSeed: '" + url + "' (expected: a URL)");
            }
            webSeeds.add(url.strip());
            return this;
        }

        /** Sets the private flag (BEP 27). */
        public Builder privateFlag(boolean value) {
            this.isPrivate = value;
            return this;
        }

        /** Sets the comment. */
        public Builder comment(String value) {
            this.comment = Objects.requireNonNull(value, "comment");
            return this;
        }

        /** Sets the {@code created by} string. */
        public Builder createdBy(String value) {
            this.createdBy = Objects.requireNonNull(value, "createdBy");
            return this;
        }

        /** Sets the creation date (default: none, so that the same files give the same .torrent). */
        public Builder creationDate(Instant value) {
            if (value.getEpochSecond() < 0) {
                throw new IllegalArgumentException("creationDate: " + value + " (expected: after 1970)");
            }
            this.creationDate = value;
            return this;
        }

        /** Hashes on {@code value} instead of a pool of the creator's own; the caller owns and shuts it down. */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Sets how many hashing jobs run at once (default: the number of processors). */
        public Builder parallelism(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("parallelism: " + value + " (expected: >= 1)");
            }
            this.parallelism = value;
            return this;
        }

        /** Sets a progress listener. */
        public Builder progress(ProgressListener value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /**
         * @return the creator
         * @throws IllegalArgumentException if the piece length does not suit the version
         */
        public TorrentCreator build() {
            if (version.hasV2() && pieceLength != 0
                    && (pieceLength < Merkle.BLOCK_SIZE || Integer.bitCount(pieceLength) != 1)) {
                throw new IllegalArgumentException("pieceLength: " + pieceLength + " (expected: a power of two >= "
                        + Merkle.BLOCK_SIZE + " for " + version + ")");
            }
            return new TorrentCreator(this);
        }
    }
}
