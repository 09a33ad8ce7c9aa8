package dev.torrpedo.tracker.codec;

import dev.torrpedo.tracker.TrackerSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits a decoder applies to one tracker reply.
 *
 * @param maxBytes        the largest reply accepted (a larger one is {@code TOO_LARGE})
 * @param maxPeers        peers beyond this many are ignored
 * @param minInterval     the floor for {@code interval} and {@code min interval}
 * @param defaultInterval the interval when the reply has none
 */
public record ReplyLimits(int maxBytes, int maxPeers, Duration minInterval, Duration defaultInterval) {

    /** The limits of {@link TrackerSettings#defaults()}. */
    public static final ReplyLimits DEFAULT = of(TrackerSettings.defaults());

    /** Checks the limits. */
    public ReplyLimits {
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(defaultInterval, "defaultInterval");
        if (maxBytes < 0 || maxPeers < 0) {
            throw new IllegalArgumentException("maxBytes/maxPeers must be >= 0: " + maxBytes + "/" + maxPeers);
        }
    }

    /** @return the limits that {@code settings} asks for */
    public static ReplyLimits of(TrackerSettings settings) {
        return new ReplyLimits(settings.maxResponseBytes(), settings.maxPeersPerReply(),
                settings.minAnnounceInterval(), settings.defaultInterval());
    }
}
