package dev.torrpedo.tracker.internal;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.AnnounceRequest;
import dev.torrpedo.tracker.AnnounceResponse;
import dev.torrpedo.tracker.ScrapeResponse;
import dev.torrpedo.tracker.TrackerClient;
import dev.torrpedo.tracker.TrackerException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** Sends each URL to the client of its scheme. */
public final class RoutingTrackerClient implements TrackerClient {
    private final TrackerClient http;
    private final TrackerClient udp;

    /** @param http handles http and https; @param udp handles udp */
    public RoutingTrackerClient(TrackerClient http, TrackerClient udp) {
        this.http = Objects.requireNonNull(http, "http");
        this.udp = Objects.requireNonNull(udp, "udp");
    }

    private TrackerClient route(URI tracker) {
        String scheme = TrackerUrls.scheme(tracker);
        return scheme.equals("udp") ? udp : http;
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(URI tracker, AnnounceRequest request) {
        try {
            return route(tracker).announce(tracker, request);
        } catch (TrackerException e) {
            return CompletableFuture.failedFuture(e.withTracker(tracker));
        }
    }

    @Override
    public CompletableFuture<ScrapeResponse> scrape(URI tracker, List<InfoHash> infoHashes) {
        try {
            return route(tracker).scrape(tracker, infoHashes);
        } catch (TrackerException e) {
            return CompletableFuture.failedFuture(e.withTracker(tracker));
        }
    }

    @Override
    public boolean supports(String scheme) {
        return http.supports(scheme) || udp.supports(scheme);
    }

    @Override
    public void close() {
        try {
            http.close();
        } finally {
            udp.close();
        }
    }
}
