package dev.torrpedo.dht;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link DhtNode} can be told, immutable. {@link #defaults()} are the BEPs'
 * and libtorrent's values; {@link #builder()} changes some of them and checks each once.
 *
 * @param k                     nodes per bucket and nodes announced to (BEP 5: 8)
 * @param alpha                 parallel requests of one lookup (3)
 * @param replacementCacheSize  nodes kept per bucket to replace failing ones (8)
 * @param requestTimeout        a query without answer after this has failed (5 s)
 * @param slowRequestTimeout    a lookup stops waiting for a query this old and sends another (1 s)
 * @param tickInterval          how often timers are checked (250 ms)
 * @param bootstrapNodes        where a node with an empty table starts; may be unresolved (the public routers)
 * @param restrictRoutingIps    one routing-table entry per IP, one per /24 (IPv6: /64) in a bucket (true)
 * @param restrictSearchIps     one node per IP in a lookup (true)
 * @param ignoreDarkInternet    ignore nodes at addresses that are not globally routable (true)
 * @param preferVerifiedNodeIds a BEP 42-verified node may replace an unverified one in a full bucket (true)
 * @param enforceNodeId         ignore answers from nodes whose id does not match their IP by BEP 42 (false)
 * @param exemptLocalNodeIds    nodes on local addresses count as verified, as BEP 42 says (true)
 * @param readOnly              BEP 43: answer no queries and say so ({@code ro=1}) in ours (false)
 * @param rateLimitPerIp        packets a second one IP may send us on average; 0 for no limit (5)
 * @param rateLimitWindow       the window that rate is counted over (10 s)
 * @param blockDuration         how long an IP over the rate is ignored (300 s)
 * @param uploadRateLimit       bytes a second of answers to others, against reflection; 0 for no cap (8000)
 * @param maxTorrents           info-hashes whose peers we store (2000)
 * @param maxPeersPerTorrent    peers stored per info-hash (500)
 * @param maxPeersPerReply      peers in one {@code get_peers} answer (100)
 * @param peerTtl               a stored peer expires this long after its last announce (45 min)
 * @param maxItems              BEP 44 items we store (700)
 * @param itemTtl               a stored item expires this long after its last put (2 h)
 * @param tokenRotation         the write-token secret changes this often; the previous one stays valid (5 min)
 * @param nodeGoodFor           a node stays good this long after answering us (BEP 5: 15 min)
 * @param bucketRefreshInterval a bucket unchanged this long is refreshed by a lookup (15 min)
 * @param pingInterval          how often the longest-silent questionable node is pinged (5 s)
 * @param badAfterFailures      failed queries in a row that make a node bad (2)
 * @param maxPendingRequests    our queries awaiting an answer at once (1024)
 * @param maxSamples            BEP 51 samples per answer (20)
 * @param sampleInterval        BEP 51 {@code interval}: how long our sample stays the same (6 h)
 * @param maxPacketSize         largest datagram accepted (2048)
 * @param externalAddress       our address as others see it, for the BEP 42 id, or {@code null} to learn it from answers
 * @param nodeId                a fixed node id, or {@code null} to derive (BEP 42) or draw one
 */
public record DhtSettings(
        int k,
        int alpha,
        int replacementCacheSize,
        Duration requestTimeout,
        Duration slowRequestTimeout,
        Duration tickInterval,
        List<InetSocketAddress> bootstrapNodes,
        boolean restrictRoutingIps,
        boolean restrictSearchIps,
        boolean ignoreDarkInternet,
        boolean preferVerifiedNodeIds,
        boolean enforceNodeId,
        boolean exemptLocalNodeIds,
        boolean readOnly,
        int rateLimitPerIp,
        Duration rateLimitWindow,
        Duration blockDuration,
        long uploadRateLimit,
        int maxTorrents,
        int maxPeersPerTorrent,
        int maxPeersPerReply,
        Duration peerTtl,
        int maxItems,
        Duration itemTtl,
        Duration tokenRotation,
        Duration nodeGoodFor,
        Duration bucketRefreshInterval,
        Duration pingInterval,
        int badAfterFailures,
        int maxPendingRequests,
        int maxSamples,
        Duration sampleInterval,
        int maxPacketSize,
        InetAddress externalAddress,
        NodeId nodeId) {

    /** The well-known public bootstrap routers (unresolved; resolved off the event loop at start). */
    public static final List<InetSocketAddress> PUBLIC_ROUTERS = List.of(
            InetSocketAddress.createUnresolved("router.bittorrent.com", 6881),
            InetSocketAddress.createUnresolved("router.utorrent.com", 6881),
            InetSocketAddress.createUnresolved("dht.transmissionbt.com", 6881),
            InetSocketAddress.createUnresolved("dht.libtorrent.org", 25401),
            InetSocketAddress.createUnresolved("dht.aelitis.com", 6881));

    /** Checks every value; the builder is the friendly way to make one. */
    public DhtSettings {
        atLeast("k", k, 1);
        atLeast("alpha", alpha, 1);
        atLeast("replacementCacheSize", replacementCacheSize, 0);
        positive("requestTimeout", requestTimeout);
        positive("slowRequestTimeout", slowRequestTimeout);
        positive("tickInterval", tickInterval);
        bootstrapNodes = List.copyOf(Objects.requireNonNull(bootstrapNodes, "bootstrapNodes"));
        atLeast("rateLimitPerIp", rateLimitPerIp, 0);
        positive("rateLimitWindow", rateLimitWindow);
        Objects.requireNonNull(blockDuration, "blockDuration");
        if (uploadRateLimit < 0) {
            throw new IllegalArgumentException("uploadRateLimit: " + uploadRateLimit + " (expected: >= 0)");
        }
        atLeast("maxTorrents", maxTorrents, 1);
        atLeast("maxPeersPerTorrent", maxPeersPerTorrent, 1);
        atLeast("maxPeersPerReply", maxPeersPerReply, 1);
        positive("peerTtl", peerTtl);
        atLeast("maxItems", maxItems, 1);
        positive("itemTtl", itemTtl);
        positive("tokenRotation", tokenRotation);
        positive("nodeGoodFor", nodeGoodFor);
        positive("bucketRefreshInterval", bucketRefreshInterval);
        positive("pingInterval", pingInterval);
        atLeast("badAfterFailures", badAfterFailures, 1);
        atLeast("maxPendingRequests", maxPendingRequests, 1);
        atLeast("maxSamples", maxSamples, 0);
        positive("sampleInterval", sampleInterval);
        atLeast("maxPacketSize", maxPacketSize, 512);
    }

    /** @return the default settings */
    public static DhtSettings defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these settings */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= " + min + ")");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
        }
    }

    /** Builds {@link DhtSettings}; every setter checks its value when {@link #build()} runs. */
    public static final class Builder {
        private int k = 8;
        private int alpha = 3;
        private int replacementCacheSize = 8;
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Duration slowRequestTimeout = Duration.ofSeconds(1);
        private Duration tickInterval = Duration.ofMillis(250);
        private List<InetSocketAddress> bootstrapNodes = PUBLIC_ROUTERS;
        private boolean restrictRoutingIps = true;
        private boolean restrictSearchIps = true;
        private boolean ignoreDarkInternet = true;
        private boolean preferVerifiedNodeIds = true;
        private boolean enforceNodeId;
        private boolean exemptLocalNodeIds = true;
        private boolean readOnly;
        private int rateLimitPerIp = 5;
        private Duration rateLimitWindow = Duration.ofSeconds(10);
        private Duration blockDuration = Duration.ofSeconds(300);
        private long uploadRateLimit = 8000;
        private int maxTorrents = 2000;
        private int maxPeersPerTorrent = 500;
        private int maxPeersPerReply = 100;
        private Duration peerTtl = Duration.ofMinutes(45);
        private int maxItems = 700;
        private Duration itemTtl = Duration.ofHours(2);
        private Duration tokenRotation = Duration.ofMinutes(5);
        private Duration nodeGoodFor = Duration.ofMinutes(15);
        private Duration bucketRefreshInterval = Duration.ofMinutes(15);
        private Duration pingInterval = Duration.ofSeconds(5);
        private int badAfterFailures = 2;
        private int maxPendingRequests = 1024;
        private int maxSamples = 20;
        private Duration sampleInterval = Duration.ofHours(6);
        private int maxPacketSize = 2048;
        private InetAddress externalAddress;
        private NodeId nodeId;

        private Builder() {
        }

        private Builder(DhtSettings s) {
            k = s.k;
            alpha = s.alpha;
            replacementCacheSize = s.replacementCacheSize;
            requestTimeout = s.requestTimeout;
            slowRequestTimeout = s.slowRequestTimeout;
            tickInterval = s.tickInterval;
            bootstrapNodes = s.bootstrapNodes;
            restrictRoutingIps = s.restrictRoutingIps;
            restrictSearchIps = s.restrictSearchIps;
            ignoreDarkInternet = s.ignoreDarkInternet;
            preferVerifiedNodeIds = s.preferVerifiedNodeIds;
            enforceNodeId = s.enforceNodeId;
            exemptLocalNodeIds = s.exemptLocalNodeIds;
            readOnly = s.readOnly;
            rateLimitPerIp = s.rateLimitPerIp;
            rateLimitWindow = s.rateLimitWindow;
            blockDuration = s.blockDuration;
            uploadRateLimit = s.uploadRateLimit;
            maxTorrents = s.maxTorrents;
            maxPeersPerTorrent = s.maxPeersPerTorrent;
            maxPeersPerReply = s.maxPeersPerReply;
            peerTtl = s.peerTtl;
            maxItems = s.maxItems;
            itemTtl = s.itemTtl;
            tokenRotation = s.tokenRotation;
            nodeGoodFor = s.nodeGoodFor;
            bucketRefreshInterval = s.bucketRefreshInterval;
            pingInterval = s.pingInterval;
            badAfterFailures = s.badAfterFailures;
            maxPendingRequests = s.maxPendingRequests;
            maxSamples = s.maxSamples;
            sampleInterval = s.sampleInterval;
            maxPacketSize = s.maxPacketSize;
            externalAddress = s.externalAddress;
            nodeId = s.nodeId;
        }

        /** @see DhtSettings#k() */
        public Builder k(int v) {
            k = v;
            return this;
        }

        /** @see DhtSettings#alpha() */
        public Builder alpha(int v) {
            alpha = v;
            return this;
        }

        /** @see DhtSettings#replacementCacheSize() */
        public Builder replacementCacheSize(int v) {
            replacementCacheSize = v;
            return this;
        }

        /** @see DhtSettings#requestTimeout() */
        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        /** @see DhtSettings#slowRequestTimeout() */
        public Builder slowRequestTimeout(Duration v) {
            slowRequestTimeout = v;
            return this;
        }

        /** @see DhtSettings#tickInterval() */
        public Builder tickInterval(Duration v) {
            tickInterval = v;
            return this;
        }

        /** @see DhtSettings#bootstrapNodes() */
        public Builder bootstrapNodes(List<InetSocketAddress> v) {
            bootstrapNodes = v;
            return this;
        }

        /** @see DhtSettings#restrictRoutingIps() */
        public Builder restrictRoutingIps(boolean v) {
            restrictRoutingIps = v;
            return this;
        }

        /** @see DhtSettings#restrictSearchIps() */
        public Builder restrictSearchIps(boolean v) {
            restrictSearchIps = v;
            return this;
        }

        /** @see DhtSettings#ignoreDarkInternet() */
        public Builder ignoreDarkInternet(boolean v) {
            ignoreDarkInternet = v;
            return this;
        }

        /** @see DhtSettings#preferVerifiedNodeIds() */
        public Builder preferVerifiedNodeIds(boolean v) {
            preferVerifiedNodeIds = v;
            return this;
        }

        /** @see DhtSettings#enforceNodeId() */
        public Builder enforceNodeId(boolean v) {
            enforceNodeId = v;
            return this;
        }

        /** @see DhtSettings#exemptLocalNodeIds() */
        public Builder exemptLocalNodeIds(boolean v) {
            exemptLocalNodeIds = v;
            return this;
        }

        /** @see DhtSettings#readOnly() */
        public Builder readOnly(boolean v) {
            readOnly = v;
            return this;
        }

        /** @see DhtSettings#rateLimitPerIp() */
        public Builder rateLimitPerIp(int v) {
            rateLimitPerIp = v;
            return this;
        }

        /** @see DhtSettings#rateLimitWindow() */
        public Builder rateLimitWindow(Duration v) {
            rateLimitWindow = v;
            return this;
        }

        /** @see DhtSettings#blockDuration() */
        public Builder blockDuration(Duration v) {
            blockDuration = v;
            return this;
        }

        /** @see DhtSettings#uploadRateLimit() */
        public Builder uploadRateLimit(long v) {
            uploadRateLimit = v;
            return this;
        }

        /** @see DhtSettings#maxTorrents() */
        public Builder maxTorrents(int v) {
            maxTorrents = v;
            return this;
        }

        /** @see DhtSettings#maxPeersPerTorrent() */
        public Builder maxPeersPerTorrent(int v) {
            maxPeersPerTorrent = v;
            return this;
        }

        /** @see DhtSettings#maxPeersPerReply() */
        public Builder maxPeersPerReply(int v) {
            maxPeersPerReply = v;
            return this;
        }

        /** @see DhtSettings#peerTtl() */
        public Builder peerTtl(Duration v) {
            peerTtl = v;
            return this;
        }

        /** @see DhtSettings#maxItems() */
        public Builder maxItems(int v) {
            maxItems = v;
            return this;
        }

        /** @see DhtSettings#itemTtl() */
        public Builder itemTtl(Duration v) {
            itemTtl = v;
            return this;
        }

        /** @see DhtSettings#tokenRotation() */
        public Builder tokenRotation(Duration v) {
            tokenRotation = v;
            return this;
        }

        /** @see DhtSettings#nodeGoodFor() */
        public Builder nodeGoodFor(Duration v) {
            nodeGoodFor = v;
            return this;
        }

        /** @see DhtSettings#bucketRefreshInterval() */
        public Builder bucketRefreshInterval(Duration v) {
            bucketRefreshInterval = v;
            return this;
        }

        /** @see DhtSettings#pingInterval() */
        public Builder pingInterval(Duration v) {
            pingInterval = v;
            return this;
        }

        /** @see DhtSettings#badAfterFailures() */
        public Builder badAfterFailures(int v) {
            badAfterFailures = v;
            return this;
        }

        /** @see DhtSettings#maxPendingRequests() */
        public Builder maxPendingRequests(int v) {
            maxPendingRequests = v;
            return this;
        }

        /** @see DhtSettings#maxSamples() */
        public Builder maxSamples(int v) {
            maxSamples = v;
            return this;
        }

        /** @see DhtSettings#sampleInterval() */
        public Builder sampleInterval(Duration v) {
            sampleInterval = v;
            return this;
        }

        /** @see DhtSettings#maxPacketSize() */
        public Builder maxPacketSize(int v) {
            maxPacketSize = v;
            return this;
        }

        /** @see DhtSettings#externalAddress() */
        public Builder externalAddress(InetAddress v) {
            externalAddress = v;
            return this;
        }

        /** @see DhtSettings#nodeId() */
        public Builder nodeId(NodeId v) {
            nodeId = v;
            return this;
        }

        /**
         * Turns off every restriction that a DHT of several nodes on one loopback address
         * breaks (as libtorrent's tests do): IP restrictions, the dark-internet filter and
         * the per-IP rate limit.
         */
        public Builder forLoopback() {
            restrictRoutingIps = false;
            restrictSearchIps = false;
            ignoreDarkInternet = false;
            rateLimitPerIp = 0;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException naming the first value out of range
         */
        public DhtSettings build() {
            return new DhtSettings(k, alpha, replacementCacheSize, requestTimeout, slowRequestTimeout, tickInterval,
                    bootstrapNodes, restrictRoutingIps, restrictSearchIps, ignoreDarkInternet, preferVerifiedNodeIds,
                    enforceNodeId, exemptLocalNodeIds, readOnly, rateLimitPerIp, rateLimitWindow, blockDuration,
                    uploadRateLimit, maxTorrents, maxPeersPerTorrent, maxPeersPerReply, peerTtl, maxItems, itemTtl,
                    tokenRotation, nodeGoodFor, bucketRefreshInterval, pingInterval, badAfterFailures,
                    maxPendingRequests, maxSamples, sampleInterval, maxPacketSize, externalAddress, nodeId);
        }
    }
}
