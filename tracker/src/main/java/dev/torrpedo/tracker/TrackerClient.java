package dev.torrpedo.tracker;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.internal.RoutingTrackerClient;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Announces to and scrapes one tracker at a time. Thread-safe and non-blocking: the
 * futures complete on the client's Netty event loop, so a caller must not block in a
 * callback (use the {@code ...Async} variants with its own executor for slow work).
 *
 * <p>A future fails only with a {@link TrackerException} that names the tracker; whatever
 * one tracker does, it never affects another request.
 */
public interface TrackerClient extends AutoCloseable {

    /** @return the tracker's answer to {@code request}, or a {@link TrackerException} */
    CompletableFuture<AnnounceResponse> announce(URI tracker, AnnounceRequest request);

    /**
     * @return the tracker's counts for those of {@code infoHashes} it knows, or a
     *         {@link TrackerException} ({@link TrackerError#UNSUPPORTED} for an HTTP tracker
     *         without a scrape URL, BEP 48)
     */
    CompletableFuture<ScrapeResponse> scrape(URI tracker, List<InfoHash> infoHashes);

    /**
     * @return whether this client handles URLs of {@code scheme} ({@code http}, {@code https}
     *         or {@code udp}, case-insensitive)
     */
    boolean supports(String scheme);

    /**
     * Fails every pending request with {@link TrackerError#CLOSED} and releases what the
     * client opened itself. The caller's event loop group is left running.
     */
    @Override
    void close();

    /**
     * @return a client that sends http and https URLs to {@code http} and udp URLs to
     *         {@code udp}, and fails others with {@link TrackerError#UNSUPPORTED}; closing it
     *         closes both
     */
    static TrackerClient routing(TrackerClient http, TrackerClient udp) {
        return new RoutingTrackerClient(http, udp);
    }
}
