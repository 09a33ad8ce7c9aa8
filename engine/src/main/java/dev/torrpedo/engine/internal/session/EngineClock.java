package dev.torrpedo.engine.internal.session;

import java.time.Clock;
import java.time.Instant;

/**
 * The session's time: wall-clock instants for what users see and announces, and a
 * nanosecond count for intervals (rates, timeouts, the choker). With the system clock the
 * nanoseconds come from {@link System#nanoTime()}; with an injected clock both come from it,
 * so a test that moves its clock moves every timer of the session.
 */
public final class EngineClock {
    private final Clock clock;
    private final boolean system;

    /** @param clock the injected clock, or null for the system's */
    public EngineClock(Clock clock) {
        this.system = clock == null;
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** @return nanoseconds from an arbitrary origin; only differences mean anything */
    public long nanos() {
        if (system) {
            return System.nanoTime();
        }
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    /** @return the wall-clock time */
    public Instant now() {
        return clock.instant();
    }

    /** @return the clock itself (an {@code InstantSource} for the tracker module) */
    public Clock clock() {
        return clock;
    }
}
