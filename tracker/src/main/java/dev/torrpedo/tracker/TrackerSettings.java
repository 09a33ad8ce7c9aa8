package dev.torrpedo.tracker;

import java.time.Duration;
import java.util.Objects;

/**
 * How the tracker clients and {@link TorrentTrackers} behave. Immutable; start from
 * {@link #defaults()} and change what you need with {@link #toBuilder()}.
 *
 * @param minAnnounceInterval   the floor for a tracker's {@code interval} and {@code min interval} (300 s)
 * @param defaultInterval       the interval when a tracker sends none (30 min)
 * @param requestTimeout        how long an HTTP request (connect, redirects, answer) may take (30 s)
 * @param udpRetransmitBase     a UDP request is sent again after {@code base * 2^n} (BEP 15: 15 s)
 * @param udpMaxRetransmits     how many times a UDP request is sent again before it fails (BEP 15: 8)
 * @param connectionIdLifetime  how long a UDP connection id is used (BEP 15: 60 s)
 * @param maxResponseBytes      the largest answer accepted, after decompression (1 MiB)
 * @param maxRedirects          how many HTTP redirects are followed (3)
 * @param maxPeersPerReply      peers beyond this many in one answer are ignored (2000)
 * @param allowLocalTrackers    whether a tracker may be on a loopback or private address
 *                              (false; true for tests, the demo and torrents that are local)
 * @param announceToAllTiers    whether {@link TorrentTrackers} announces to one tracker of
 *                              every tier instead of the first tier that answers (false)
 * @param retryDelayMin         the wait after the first round in which no tracker answered (15 s),
 *                              doubled after each further failed round
 * @param retryDelayMax         the longest wait after failed rounds (1 h)
 * @param userAgent             the HTTP {@code User-Agent}
 */
public record TrackerSettings(Duration minAnnounceInterval, Duration defaultInterval, Duration requestTimeout,
                              Duration udpRetransmitBase, int udpMaxRetransmits, Duration connectionIdLifetime,
                              int maxResponseBytes, int maxRedirects, int maxPeersPerReply,
                              boolean allowLocalTrackers, boolean announceToAllTiers,
                              Duration retryDelayMin, Duration retryDelayMax, String userAgent) {

    private static final TrackerSettings DEFAULTS = new TrackerSettings(Duration.ofSeconds(300),
            Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofSeconds(15), 8, Duration.ofSeconds(60),
            1 << 20, 3, 2000, false, false, Duration.ofSeconds(15), Duration.ofHours(1), "Torrpedo/0.1");

    /** Checks every setting once, naming the one that is wrong. */
    public TrackerSettings {
        nonNegative("minAnnounceInterval", minAnnounceInterval);
        positive("defaultInterval", defaultInterval);
        positive("requestTimeout", requestTimeout);
        positive("udpRetransmitBase", udpRetransmitBase);
        positive("connectionIdLifetime", connectionIdLifetime);
        positive("retryDelayMin", retryDelayMin);
        positive("retryDelayMax", retryDelayMax);
        Objects.requireNonNull(userAgent, "userAgent");
        if (udpMaxRetransmits < 0 || udpMaxRetransmits > 8) {
            throw new IllegalArgumentException("udpMaxRetransmits: " + udpMaxRetransmits + " (expected: 0..8)");
        }
        if (maxResponseBytes < 64) {
            throw new IllegalArgumentException("maxResponseBytes: " + maxResponseBytes + " (expected: >= 64)");
        }
        if (maxRedirects < 0 || maxRedirects > 10) {
            throw new IllegalArgumentException("maxRedirects: " + maxRedirects + " (expected: 0..10)");
        }
        if (maxPeersPerReply < 0) {
            throw new IllegalArgumentException("maxPeersPerReply: " + maxPeersPerReply + " (expected: >= 0)");
        }
        if (retryDelayMax.compareTo(retryDelayMin) < 0) {
            throw new IllegalArgumentException("retryDelayMax: " + retryDelayMax + " (expected: >= retryDelayMin "
                    + retryDelayMin + ")");
        }
        if (userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            throw new IllegalArgumentException("userAgent: must be printable ASCII");
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

    /** @return the defaults listed on this record */
    public static TrackerSettings defaults() {
        return DEFAULTS;
    }

    /** @return a builder that starts from these settings */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link TrackerSettings}; each setter replaces one value. */
    public static final class Builder {
        private Duration minAnnounceInterval;
        private Duration defaultInterval;
        private Duration requestTimeout;
        private Duration udpRetransmitBase;
        private int udpMaxRetransmits;
        private Duration connectionIdLifetime;
        private int maxResponseBytes;
        private int maxRedirects;
        private int maxPeersPerReply;
        private boolean allowLocalTrackers;
        private boolean announceToAllTiers;
        private Duration retryDelayMin;
        private Duration retryDelayMax;
        private String userAgent;

        private Builder(TrackerSettings s) {
            minAnnounceInterval = s.minAnnounceInterval;
            defaultInterval = s.defaultInterval;
            requestTimeout = s.requestTimeout;
            udpRetransmitBase = s.udpRetransmitBase;
            udpMaxRetransmits = s.udpMaxRetransmits;
            connectionIdLifetime = s.connectionIdLifetime;
            maxResponseBytes = s.maxResponseBytes;
            maxRedirects = s.maxRedirects;
            maxPeersPerReply = s.maxPeersPerReply;
            allowLocalTrackers = s.allowLocalTrackers;
            announceToAllTiers = s.announceToAllTiers;
            retryDelayMin = s.retryDelayMin;
            retryDelayMax = s.retryDelayMax;
            userAgent = s.userAgent;
        }

        /** @return this builder; see {@link TrackerSettings#minAnnounceInterval()} */
        public Builder minAnnounceInterval(Duration value) {
            minAnnounceInterval = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#defaultInterval()} */
        public Builder defaultInterval(Duration value) {
            defaultInterval = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#requestTimeout()} */
        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#udpRetransmitBase()} */
        public Builder udpRetransmitBase(Duration value) {
            udpRetransmitBase = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#udpMaxRetransmits()} */
        public Builder udpMaxRetransmits(int value) {
            udpMaxRetransmits = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#connectionIdLifetime()} */
        public Builder connectionIdLifetime(Duration value) {
            connectionIdLifetime = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#maxResponseBytes()} */
        public Builder maxResponseBytes(int value) {
            maxResponseBytes = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#maxRedirects()} */
        public Builder maxRedirects(int value) {
            maxRedirects = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#maxPeersPerReply()} */
        public Builder maxPeersPerReply(int value) {
            maxPeersPerReply = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#allowLocalTrackers()} */
        public Builder allowLocalTrackers(boolean value) {
            allowLocalTrackers = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#announceToAllTiers()} */
        public Builder announceToAllTiers(boolean value) {
            announceToAllTiers = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#retryDelayMin()} */
        public Builder retryDelayMin(Duration value) {
            retryDelayMin = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#retryDelayMax()} */
        public Builder retryDelayMax(Duration value) {
            retryDelayMax = value;
            return this;
        }

        /** @return this builder; see {@link TrackerSettings#userAgent()} */
        public Builder userAgent(String value) {
            userAgent = value;
            return this;
        }

        /** @return the settings; fails naming the first invalid one */
        public TrackerSettings build() {
            return new TrackerSettings(minAnnounceInterval, defaultInterval, requestTimeout, udpRetransmitBase,
                    udpMaxRetransmits, connectionIdLifetime, maxResponseBytes, maxRedirects, maxPeersPerReply,
                    allowLocalTrackers, announceToAllTiers, retryDelayMin, retryDelayMax, userAgent);
        }
    }
}
