package dev.torrpedo.tracker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tracker's answer to an announce.
 *
 * @param interval    how long to wait before the next regular announce (already raised to the
 *                    client's floor, {@link TrackerSettings#minAnnounceInterval()})
 * @param minInterval the tracker's {@code min interval}, if it sent one (raised to the same floor):
 *                    announce no more often than this
 * @param peers       the peers, IPv4 ({@code peers}) then IPv6 ({@code peers6}), without duplicates
 * @param seeders     the tracker's {@code complete} count, if it sent one
 * @param leechers    the tracker's {@code incomplete} count, if it sent one
 * @param warning     the tracker's {@code warning message}, if any
 * @param trackerId   the {@code tracker id} to send back next time, if any
 */
public record AnnounceResponse(Duration interval, Optional<Duration> minInterval, List<InetSocketAddress> peers,
                               OptionalInt seeders, OptionalInt leechers, Optional<String> warning,
                               Optional<String> trackerId) {

    /** Checks the fields and copies the peer list. */
    public AnnounceResponse {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(minInterval, "minInterval");
        peers = List.copyOf(peers);
        Objects.requireNonNull(seeders, "seeders");
        Objects.requireNonNull(leechers, "leechers");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(trackerId, "trackerId");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval: " + interval + " (expected: >= 0)");
        }
    }

    /**
     * @return this answer with {@link #interval()} and {@link #minInterval()} raised to at
     *         least {@code floor}
     */
    public AnnounceResponse withIntervalFloor(Duration floor) {
        Duration i = interval.compareTo(floor) < 0 ? floor : interval;
        Optional<Duration> m = minInterval.map(d -> d.compareTo(floor) < 0 ? floor : d);
        return new AnnounceResponse(i, m, peers, seeders, leechers, warning, trackerId);
    }
}
