package dev.torrpedo.tracker;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one {@link TorrentTrackers#announce} round gave: the answers, the failures on the way,
 * and when the next regular announce is due. A round where no tracker answered is not an
 * exception: {@link #answers()} is empty and {@link #nextAnnounce()} is after a back-off.
 *
 * @param answers      the trackers that answered (one, or one per tier with
 *                     {@link TrackerSettings#announceToAllTiers()})
 * @param failures     the trackers that failed in this round, in the order they were tried
 * @param peers        every peer of every answer, without duplicates
 * @param nextAnnounce when the next regular announce is due ({@link Instant#MAX} after a
 *                     {@link AnnounceEvent#STOPPED} round)
 */
public record AnnounceRound(List<TrackerAnswer> answers, List<TrackerException> failures,
                            List<InetSocketAddress> peers, Instant nextAnnounce) {
    /** Copies the lists. */
    public AnnounceRound {
        answers = List.copyOf(answers);
        failures = List.copyOf(failures);
        peers = List.copyOf(peers);
        Objects.requireNonNull(nextAnnounce, "nextAnnounce");
    }

    /** @return whether at least one tracker answered */
    public boolean succeeded() {
        return !answers.isEmpty();
    }
}
