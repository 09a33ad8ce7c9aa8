package dev.torrpedo.tracker;

import java.net.URI;
import java.util.Objects;

/**
 * One tracker's answer within an {@link AnnounceRound}.
 *
 * @param tracker  the tracker's URL
 * @param response its answer
 */
public record TrackerAnswer(URI tracker, AnnounceResponse response) {
    /** Checks the fields. */
    public TrackerAnswer {
        Objects.requireNonNull(tracker, "tracker");
        Objects.requireNonNull(response, "response");
    }
}
