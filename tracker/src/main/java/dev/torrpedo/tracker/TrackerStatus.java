package dev.torrpedo.tracker;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A snapshot of one tracker of a torrent, as a UI shows it.
 *
 * @param url          the tracker's URL
 * @param tier         its tier (0 first)
 * @param failures     failures since it last answered
 * @param lastError    the last failure, if it has failed since it last answered
 * @param lastAnswer   when it last answered, if ever
 * @param seeders      its last {@code complete} count, if any
 * @param leechers     its last {@code incomplete} count, if any
 * @param warning      its last {@code warning message}, if any
 * @param trackerId    the {@code tracker id} it gave, sent back to it
 */
public record TrackerStatus(URI url, int tier, int failures, Optional<TrackerException> lastError,
                            Optional<Instant> lastAnswer, OptionalInt seeders, OptionalInt leechers,
                            Optional<String> warning, Optional<String> trackerId) {
    /** Checks the fields. */
    public TrackerStatus {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(lastAnswer, "lastAnswer");
        Objects.requireNonNull(seeders, "seeders");
        Objects.requireNonNull(leechers, "leechers");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(trackerId, "trackerId");
    }

    static TrackerStatus fresh(URI url, int tier) {
        return new TrackerStatus(url, tier, 0, Optional.empty(), Optional.empty(), OptionalInt.empty(),
                OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    TrackerStatus answered(AnnounceResponse r, Instant now) {
        return new TrackerStatus(url, tier, 0, Optional.empty(), Optional.of(now), r.seeders(), r.leechers(),
                r.warning(), r.trackerId().isPresent() ? r.trackerId() : trackerId);
    }

    TrackerStatus failed(TrackerException e) {
        return new TrackerStatus(url, tier, failures + 1, Optional.of(e), lastAnswer, seeders, leechers, warning,
                trackerId);
    }
}
