package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentLimits;
import java.time.Duration;

/**
 * When a seeding torrent has given enough: its share ratio or its time seeding reached the
 * torrent's own limit, or else the session's. The caller pauses it.
 *
 * <p>Not thread-safe: the torrent's control loop owns it.
 */
final class SeedLimits {
    private long seedingSinceNanos;

    /** The torrent started seeding at {@code now} (nanoseconds of the session's clock). */
    void seedingFrom(long now) {
        seedingSinceNanos = now;
    }

    /**
     * @param ratio the torrent's share ratio now
     * @return whether a limit is reached
     */
    boolean reached(long now, double ratio, TorrentLimits own, Settings session) {
        double ratioLimit = own.seedRatio() > 0 ? own.seedRatio() : session.seedRatioLimit();
        Duration timeLimit = own.seedTime() != null ? own.seedTime() : session.seedTimeLimit();
        boolean stop = ratioLimit > 0 && ratio >= ratioLimit;
        if (timeLimit != null && now - seedingSinceNanos >= timeLimit.toNanos()) {
            stop = true;
        }
        return stop;
    }
}
