package dev.torrpedo.engine;

import dev.torrpedo.engine.internal.session.SessionConfig;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A BitTorrent session: one listening port, one set of threads, many torrents.
 * Thread-safe and non-blocking; build it with {@link #builder()} and close it when done.
 *
 * <pre>{@code
 * try (Session session = Session.builder().listenPort(6881).downloadDir(dir).build()) {
 *     TorrentHandle t = session.add(AddTorrent.file(path)).join();
 *     session.subscribe(event -> System.out.println(event), executor);
 *     t.completion().join();
 * }
 * }</pre>
 *
 * <p>Threads: one Netty event loop group (one thread per core) for every socket, the disk
 * threads and the hashing threads of the storage; events reach subscribers on their own
 * executors. {@link #close()} stops every one of them.
 */
public interface Session extends AutoCloseable {
    /** The client name and version we announce to peers ({@code v} of the extension handshake). */
    String CLIENT = "Torrpedo 0.1.0";

    /** @return a builder with the defaults: any address, port 6881, the working directory */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a torrent. A torrent the session already has is not added again: the future
     * completes with the existing handle.
     *
     * A {@code .torrent} file is read on the calling thread (it is small, at most 10 MB).
     *
     * @return completes with the handle once the torrent is in the session (its data is then
     *         being checked, or, for a magnet link, its metadata fetched); fails with
     *         {@link IllegalArgumentException} for a malformed torrent or magnet link, and with
     *         {@link java.io.IOException} if its file cannot be read
     */
    default CompletableFuture<TorrentHandle> add(AddTorrent torrent) {
        return addTorrent(torrent).thenApply(AddResult::handle);
    }

    /**
     * {@link #add}, also telling whether the torrent was already there.
     *
     * @return completes with the handle and whether it was a duplicate
     */
    CompletableFuture<AddResult> addTorrent(AddTorrent torrent);

    /** @return the torrent with this info-hash, if the session has it */
    Optional<TorrentHandle> torrent(InfoHash infoHash);

    /** @return the torrent with this id ({@code InfoHash.id()}, hex, case-insensitive), if the session has it */
    Optional<TorrentHandle> torrent(String id);

    /** @return every torrent, in the order they were added */
    List<TorrentHandle> torrents();

    /** @return the current settings */
    Settings settings();

    /** Replaces the settings (see {@link Settings} for which take effect at once). */
    void apply(Settings settings);

    /**
     * Delivers every later event to {@code listener}, one at a time and in order, on
     * {@code executor} (never on an I/O thread). A listener that throws is logged and kept.
     *
     * @return closes the subscription
     */
    Subscription subscribe(Consumer<? super Event> listener, Executor executor);

    /**
     * What changed since {@code revision}: the torrents whose status changed, those removed,
     * and the counters. Start with 0 and pass back {@link Changes#revision()}.
     */
    Changes changesSince(long revision);

    /** @return the session's counters now */
    SessionStats stats();

    /**
     * Replaces the IP filter: from now on no connection is made to or accepted from an
     * address it blocks (peers from trackers, the user, or any other source), connections to
     * such addresses are closed, and web seeds there are not used. {@link IpFilter#NONE}
     * (the default) blocks nothing.
     */
    void setIpFilter(IpFilter filter);

    /** @return the IP filter in force */
    IpFilter ipFilter();

    /** @return the TCP port peers connect to */
    int listenPort();

    /** @return our peer id */
    PeerId peerId();

    /**
     * Saves every torrent's resume data, announces {@code stopped} to the trackers (waiting
     * at most a few seconds for them), closes every connection and stops every thread the
     * session started. Blocks until that is done; never call it on a session thread.
     * Idempotent.
     */
    @Override
    void close();

    /**
     * Builds a {@link Session}. Every value is checked when set, with a message that names it.
     */
    final class Builder {
        private int listenPort = 6881;
        private InetAddress listenAddress;
        private Path downloadDir = Path.of("").toAbsolutePath();
        private Path resumeDir;
        private Settings settings = Settings.defaults();
        private Clock clock;
        private RandomGenerator random;
        private PeerId peerId;
        private StorageMode storageMode = StorageMode.FILES;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {
        }

        /**
         * @param port the TCP port to accept peers on, 0 for any free port (6881)
         * @return this builder
         */
        public Builder listenPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("listenPort: " + port + " (expected: 0..65535)");
            }
            this.listenPort = port;
            return this;
        }

        /**
         * @param address the address to listen on (default: every address)
         * @return this builder
         */
        public Builder listenAddress(InetAddress address) {
            this.listenAddress = Objects.requireNonNull(address, "listenAddress");
            return this;
        }

        /**
         * @param dir where torrents are saved unless {@link AddTorrent#savePath()} says otherwise
         *            (default: the working directory)
         * @return this builder
         */
        public Builder downloadDir(Path dir) {
            this.downloadDir = Objects.requireNonNull(dir, "downloadDir").toAbsolutePath();
            return this;
        }

        /**
         * @param dir where resume data is kept (default: {@code <downloadDir>/.torrpedo/resume})
         * @return this builder
         */
        public Builder resumeDir(Path dir) {
            this.resumeDir = Objects.requireNonNull(dir, "resumeDir").toAbsolutePath();
            return this;
        }

        /**
         * @param value the settings (default {@link Settings#defaults()})
         * @return this builder
         */
        public Builder settings(Settings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * @param value the clock every timer of the session reads: timeouts, the choker, announces,
         *              rates, resume data (default: the system clock, with {@link System#nanoTime()}
         *              for intervals). The session still wakes up once a second to look at it.
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value randomness for the piece picker, the choker and the tracker tiers
         *              (default: a {@link SplittableRandom} seeded from the system); keys and
         *              peer ids' secrets use a {@code SecureRandom} regardless
         * @return this builder
         */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * @param value our peer id (default: {@link PeerId#generate})
         * @return this builder
         */
        public Builder peerId(PeerId value) {
            this.peerId = Objects.requireNonNull(value, "peerId");
            return this;
        }

        /**
         * @param mode where data is kept (default {@link StorageMode#FILES})
         * @return this builder
         */
        public Builder storageMode(StorageMode mode) {
            this.storageMode = Objects.requireNonNull(mode, "storageMode");
            return this;
        }

        /**
         * @param n network threads (default: one per available processor)
         * @return this builder
         */
        public Builder networkThreads(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("networkThreads: " + n + " (expected: 1..256)");
            }
            this.threads = n;
            return this;
        }

        /**
         * Starts the session: binds the listening socket and starts its threads.
         *
         * @return the running session
         * @throws UncheckedIOException if the port cannot be bound (taken, or not allowed)
         */
        public Session build() {
            return SessionImpl.start(new SessionConfig(listenAddress, listenPort, downloadDir,
                    resumeDir == null ? downloadDir.resolve(".torrpedo").resolve("resume") : resumeDir, settings, clock,
                    random == null ? new SplittableRandom() : random, peerId, storageMode, threads));
        }
    }
}
