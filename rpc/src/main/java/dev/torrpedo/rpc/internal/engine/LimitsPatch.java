package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.engine.TorrentLimits;
import java.time.Duration;

/**
 * The Limits object of {@code torrent.add} and {@code torrent.setOptions}: the fields given
 * replace those of a base, the others stay. Rates in bytes/s (0 = no limit of its own),
 * {@code maxConnections} 0 = the session's, {@code seedRatio} 0 = the session's,
 * {@code seedTimeMs} 0 = the session's.
 *
 * @param downloadRate bytes/s received, or null to keep
 * @param uploadRate bytes/s sent, or null to keep
 * @param maxConnections peer connections, or null to keep
 * @param seedRatio the ratio to stop seeding at, or null to keep
 * @param seedTimeMs how long to seed, in milliseconds, or null to keep
 */
record LimitsPatch(Long downloadRate, Long uploadRate, Integer maxConnections, Double seedRatio, Long seedTimeMs) {

    /**
     * {@code base} with the fields given replaced.
     *
     * @param param the parameter's name, for errors
     * @throws dev.torrpedo.rpc.RpcException -32602 naming the field out of range
     */
    TorrentLimits applyTo(TorrentLimits base, String param) {
        if (seedTimeMs != null && seedTimeMs < 0) {
            throw Checks.invalid(param + ".seedTimeMs", "must be >= 0, got " + seedTimeMs);
        }
        try {
            return new TorrentLimits(
                    downloadRate != null ? downloadRate : base.downloadRate(),
                    uploadRate != null ? uploadRate : base.uploadRate(),
                    maxConnections != null ? maxConnections : base.maxConnections(),
                    seedRatio != null ? seedRatio : base.seedRatio(),
                    seedTimeMs == null ? base.seedTime() : seedTimeMs == 0 ? null : Duration.ofMillis(seedTimeMs));
        } catch (IllegalArgumentException e) {
            // the engine names the field first: "uploadRate: -1 (expected: 0..8589934591)"
            String message = String.valueOf(e.getMessage());
            int colon = message.indexOf(':');
            String field = colon < 0 ? "" : message.substring(0, colon);
            throw Checks.invalid(field.isEmpty() ? param : param + "." + field,
                    "is out of range: " + message.substring(colon + 1).strip());
        }
    }
}
