package dev.torrpedo.engine;

import dev.torrpedo.dht.DhtSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A session's settings. Immutable; start from {@link #defaults()} and change what you need
 * with {@link #toBuilder()}; {@link Session#apply(Settings)} replaces them while the session
 * runs. Every value is checked once, in {@link Builder#build()}, with a message naming it.
 * The defaults are libtorrent's.
 *
 * <p>Most settings take effect at once (rate and connection limits, timeouts, the
 * encryption of new connections, the disk queue mark, unchoke slots, seed limits).
 * {@link #allowLocalTrackers()} and {@link #trackerMinInterval()} configure the tracker
 * clients and are read once, when the session is built. Turning {@link #dht()} or
 * {@link #lsd()} on or off starts or stops the DHT node or local service discovery;
 * {@link #dhtBootstrap()} is read when the DHT node starts.
 *
 * @param maxConnections           peer connections across the session (200)
 * @param maxConnectionsPerTorrent peer connections of one torrent (50)
 * @param downloadRateLimit        bytes/s received across the session, 0 = unlimited (0)
 * @param uploadRateLimit          bytes/s sent across the session, 0 = unlimited (0)
 * @param encryption               MSE/PE policy for new connections ({@link Encryption#PREFER})
 * @param dht                      whether to run a DHT node (BEP 5) on the session's UDP port, to find the peers
 *                                 of public torrents and of magnet links without trackers (true)
 * @param lsd                      whether to announce torrents to, and learn peers from, the local network
 *                                 by multicast (BEP 14) (true)
 * @param pex                      whether to exchange peers with peers of public torrents (BEP 11) (true)
 * @param allowLocalTrackers       whether trackers on loopback or private addresses may be announced to (false)
 * @param trackerMinInterval       the floor for a tracker's re-announce interval (300 s)
 * @param diskQueueHighWater       bytes waiting for the disk above which peers stop reading (100 MiB)
 * @param handshakeTimeout         connect plus handshake must finish within this (10 s)
 * @param peerTimeout              a peer that sends nothing for this long is dropped (120 s)
 * @param requestTimeout           a request with no progress for this long is given to another peer (60 s)
 * @param maxOutstandingRequests   our requests in flight to one peer, at most (500)
 * @param maxIncomingRequests      a peer's requests we queue; one more is a flood and drops it (2000)
 * @param unchokeSlots             peers uploaded to at once per torrent, besides the optimistic one (8, as
 *                                 libtorrent's default)
 * @param seedRatioLimit           stop seeding at this upload/download ratio, 0 = never (0)
 * @param seedTimeLimit            stop seeding after this long, {@code null} = never (null)
 * @param resumeSaveInterval       how often changed resume data is saved (60 s)
 * @param connectionsPerSecond     outbound connection attempts per second across the session (20)
 * @param dhtBootstrap             where the DHT node starts when it knows no nodes: {@code host:port}
 *                                 addresses, unresolved ones resolved when it starts (the public routers,
 *                                 {@link #PUBLIC_DHT_ROUTERS}). Give loopback or private addresses only to
 *                                 run a DHT of your own: the node then drops the restrictions a public DHT
 *                                 keeps such addresses out with (as libtorrent's private-DHT settings do)
 */
public record Settings(int maxConnections, int maxConnectionsPerTorrent, long downloadRateLimit,
                       long uploadRateLimit, Encryption encryption, boolean dht, boolean lsd, boolean pex,
                       boolean allowLocalTrackers, Duration trackerMinInterval, long diskQueueHighWater,
                       Duration handshakeTimeout, Duration peerTimeout, Duration requestTimeout,
                       int maxOutstandingRequests, int maxIncomingRequests, int unchokeSlots,
                       double seedRatioLimit, Duration seedTimeLimit, Duration resumeSaveInterval,
                       int connectionsPerSecond, List<InetSocketAddress> dhtBootstrap) {

    /** The most requests we keep in flight to one peer, whatever the setting. */
    public static final int MAX_OUTSTANDING_REQUESTS = 500;
    /** The most incoming requests a setting may allow per peer. */
    public static final int MAX_INCOMING_REQUESTS = 65_536;
    /** The largest rate limit, in bytes/s. */
    public static final long MAX_RATE = (1L << 33) - 1;
    /** The well-known public DHT routers: the default {@link #dhtBootstrap()}. */
    public static final List<InetSocketAddress> PUBLIC_DHT_ROUTERS = DhtSettings.PUBLIC_ROUTERS;
    /** The most DHT bootstrap nodes a setting may list. */
    public static final int MAX_DHT_BOOTSTRAP = 64;

    private static final Settings DEFAULTS = new Builder().build();

    /** Checks every value (see {@link Builder#build()}). */
    public Settings {
        atLeast("maxConnections", maxConnections, 1);
        atLeast("maxConnectionsPerTorrent", maxConnectionsPerTorrent, 1);
        rate("downloadRateLimit", downloadRateLimit);
        rate("uploadRateLimit", uploadRateLimit);
        Objects.requireNonNull(encryption, "encryption");
        nonNegative("trackerMinInterval", trackerMinInterval);
        if (diskQueueHighWater < 16 * 1024) {
            throw new IllegalArgumentException("diskQueueHighWater: " + diskQueueHighWater + " (expected: >= 16384)");
        }
        positive("handshakeTimeout", handshakeTimeout);
        positive("peerTimeout", peerTimeout);
        positive("requestTimeout", requestTimeout);
        if (maxOutstandingRequests < 1 || maxOutstandingRequests > MAX_OUTSTANDING_REQUESTS) {
            throw new IllegalArgumentException("maxOutstandingRequests: " + maxOutstandingRequests
                    + " (expected: 1.." + MAX_OUTSTANDING_REQUESTS + ")");
        }
        if (maxIncomingRequests < 1 || maxIncomingRequests > MAX_INCOMING_REQUESTS) {
            throw new IllegalArgumentException("maxIncomingRequests: " + maxIncomingRequests
                    + " (expected: 1.." + MAX_INCOMING_REQUESTS + ")");
        }
        atLeast("unchokeSlots", unchokeSlots, 0);
        if (!(seedRatioLimit >= 0) || Double.isInfinite(seedRatioLimit)) {
            throw new IllegalArgumentException("seedRatioLimit: " + seedRatioLimit + " (expected: >= 0, finite)");
        }
        if (seedTimeLimit != null) {
            positive("seedTimeLimit", seedTimeLimit);
        }
        positive("resumeSaveInterval", resumeSaveInterval);
        atLeast("connectionsPerSecond", connectionsPerSecond, 1);
        dhtBootstrap = List.copyOf(Objects.requireNonNull(dhtBootstrap, "dhtBootstrap"));
        if (dhtBootstrap.size() > MAX_DHT_BOOTSTRAP) {
            throw new IllegalArgumentException("dhtBootstrap: " + dhtBootstrap.size() + " nodes (expected: <= "
                    + MAX_DHT_BOOTSTRAP + ")");
        }
        for (InetSocketAddress a : dhtBootstrap) {
            if (a.getPort() == 0) {
                throw new IllegalArgumentException("dhtBootstrap: " + a + " (expected: a port in 1..65535)");
            }
        }
    }

    /** @return the defaults listed on this record */
    public static Settings defaults() {
        return DEFAULTS;
    }

    /** @return a builder that starts from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from these settings */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
    }

    private static void rate(String name, long value) {
        if (value < 0 || value > MAX_RATE) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0.." + MAX_RATE + ", 0 = unlimited)");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    private static void nonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: >= 0)");
        }
    }

    /** Builds {@link Settings}; each setter replaces one value, {@link #build()} checks them all. */
    public static final class Builder {
        private int maxConnections = 200;
        private int maxConnectionsPerTorrent = 50;
        private long downloadRateLimit;
        private long uploadRateLimit;
        private Encryption encryption = Encryption.PREFER;
        private boolean dht = true;
        private boolean lsd = true;
        private boolean pex = true;
        private boolean allowLocalTrackers;
        private Duration trackerMinInterval = Duration.ofSeconds(300);
        private long diskQueueHighWater = 100L << 20;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration peerTimeout = Duration.ofSeconds(120);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int maxOutstandingRequests = MAX_OUTSTANDING_REQUESTS;
        private int maxIncomingRequests = 2000;
        private int unchokeSlots = 8;
        private double seedRatioLimit;
        private Duration seedTimeLimit;
        private Duration resumeSaveInterval = Duration.ofSeconds(60);
        private int connectionsPerSecond = 20;
        private List<InetSocketAddress> dhtBootstrap = PUBLIC_DHT_ROUTERS;

        private Builder() {
        }

        private Builder(Settings s) {
            maxConnections = s.maxConnections;
            maxConnectionsPerTorrent = s.maxConnectionsPerTorrent;
            downloadRateLimit = s.downloadRateLimit;
            uploadRateLimit = s.uploadRateLimit;
            encryption = s.encryption;
            dht = s.dht;
            lsd = s.lsd;
            pex = s.pex;
            allowLocalTrackers = s.allowLocalTrackers;
            trackerMinInterval = s.trackerMinInterval;
            diskQueueHighWater = s.diskQueueHighWater;
            handshakeTimeout = s.handshakeTimeout;
            peerTimeout = s.peerTimeout;
            requestTimeout = s.requestTimeout;
            maxOutstandingRequests = s.maxOutstandingRequests;
            maxIncomingRequests = s.maxIncomingRequests;
            unchokeSlots = s.unchokeSlots;
            seedRatioLimit = s.seedRatioLimit;
            seedTimeLimit = s.seedTimeLimit;
            resumeSaveInterval = s.resumeSaveInterval;
            connectionsPerSecond = s.connectionsPerSecond;
            dhtBootstrap = s.dhtBootstrap;
        }

        /**
         * @param n see {@link Settings#maxConnections()}
         * @return this builder
         */
        public Builder maxConnections(int n) {
            maxConnections = n;
            return this;
        }

        /**
         * @param n see {@link Settings#maxConnectionsPerTorrent()}
         * @return this builder
         */
        public Builder maxConnectionsPerTorrent(int n) {
            maxConnectionsPerTorrent = n;
            return this;
        }

        /**
         * @param bytesPerSecond see {@link Settings#downloadRateLimit()}
         * @return this builder
         */
        public Builder downloadRateLimit(long bytesPerSecond) {
            downloadRateLimit = bytesPerSecond;
            return this;
        }

        /**
         * @param bytesPerSecond see {@link Settings#uploadRateLimit()}
         * @return this builder
         */
        public Builder uploadRateLimit(long bytesPerSecond) {
            uploadRateLimit = bytesPerSecond;
            return this;
        }

        /**
         * @param policy see {@link Settings#encryption()}
         * @return this builder
         */
        public Builder encryption(Encryption policy) {
            encryption = policy;
            return this;
        }

        /**
         * @param on see {@link Settings#dht()}
         * @return this builder
         */
        public Builder dht(boolean on) {
            dht = on;
            return this;
        }

        /**
         * @param on see {@link Settings#lsd()}
         * @return this builder
         */
        public Builder lsd(boolean on) {
            lsd = on;
            return this;
        }

        /**
         * @param on see {@link Settings#pex()}
         * @return this builder
         */
        public Builder pex(boolean on) {
            pex = on;
            return this;
        }

        /**
         * @param on see {@link Settings#allowLocalTrackers()}
         * @return this builder
         */
        public Builder allowLocalTrackers(boolean on) {
            allowLocalTrackers = on;
            return this;
        }

        /**
         * @param d see {@link Settings#trackerMinInterval()}
         * @return this builder
         */
        public Builder trackerMinInterval(Duration d) {
            trackerMinInterval = d;
            return this;
        }

        /**
         * @param bytes see {@link Settings#diskQueueHighWater()}
         * @return this builder
         */
        public Builder diskQueueHighWater(long bytes) {
            diskQueueHighWater = bytes;
            return this;
        }

        /**
         * @param d see {@link Settings#handshakeTimeout()}
         * @return this builder
         */
        public Builder handshakeTimeout(Duration d) {
            handshakeTimeout = d;
            return this;
        }

        /**
         * @param d see {@link Settings#peerTimeout()}
         * @return this builder
         */
        public Builder peerTimeout(Duration d) {
            peerTimeout = d;
            return this;
        }

        /**
         * @param d see {@link Settings#requestTimeout()}
         * @return this builder
         */
        public Builder requestTimeout(Duration d) {
            requestTimeout = d;
            return this;
        }

        /**
         * @param n see {@link Settings#maxOutstandingRequests()}
         * @return this builder
         */
        public Builder maxOutstandingRequests(int n) {
            maxOutstandingRequests = n;
            return this;
        }

        /**
         * @param n see {@link Settings#maxIncomingRequests()}
         * @return this builder
         */
        public Builder maxIncomingRequests(int n) {
            maxIncomingRequests = n;
            return this;
        }

        /**
         * @param n see {@link Settings#unchokeSlots()}
         * @return this builder
         */
        public Builder unchokeSlots(int n) {
            unchokeSlots = n;
            return this;
        }

        /**
         * @param ratio see {@link Settings#seedRatioLimit()}
         * @return this builder
         */
        public Builder seedRatioLimit(double ratio) {
            seedRatioLimit = ratio;
            return this;
        }

        /**
         * @param d see {@link Settings#seedTimeLimit()} ({@code null} = none)
         * @return this builder
         */
        public Builder seedTimeLimit(Duration d) {
            seedTimeLimit = d;
            return this;
        }

        /**
         * @param d see {@link Settings#resumeSaveInterval()}
         * @return this builder
         */
        public Builder resumeSaveInterval(Duration d) {
            resumeSaveInterval = d;
            return this;
        }

        /**
         * @param n see {@link Settings#connectionsPerSecond()}
         * @return this builder
         */
        public Builder connectionsPerSecond(int n) {
            connectionsPerSecond = n;
            return this;
        }

        /**
         * @param nodes see {@link Settings#dhtBootstrap()}: replaces the default nodes
         * @return this builder
         */
        public Builder dhtBootstrap(List<InetSocketAddress> nodes) {
            dhtBootstrap = nodes;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first value out of range
         * @throws NullPointerException naming a required value that is missing
         */
        public Settings build() {
            return new Settings(maxConnections, maxConnectionsPerTorrent, downloadRateLimit, uploadRateLimit, encryption,
                    dht, lsd, pex, allowLocalTrackers, trackerMinInterval, diskQueueHighWater, handshakeTimeout,
                    peerTimeout, requestTimeout, maxOutstandingRequests, maxIncomingRequests, unchokeSlots,
                    seedRatioLimit, seedTimeLimit, resumeSaveInterval, connectionsPerSecond, dhtBootstrap);
        }
    }
}
