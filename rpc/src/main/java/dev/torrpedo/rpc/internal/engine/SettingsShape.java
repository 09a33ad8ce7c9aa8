package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.engine.Encryption;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.rpc.RpcException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Settings object of {@code rpc/README.md} and the partial update of
 * {@code session.setSettings}. Durations travel as milliseconds (fields ending in {@code Ms});
 * {@code seedTimeLimitMs} 0 (or null when read) means no limit. The read-only fields, and the two
 * the engine reads once at start ({@code allowLocalTrackers}, {@code trackerMinIntervalMs}), may be
 * sent back with their current value but not changed.
 */
final class SettingsShape {
    /**
     * {@code session.setSettings} params: any subset of the Settings fields; null means unchanged.
     * The read-only fields may be given with their current value.
     */
    record Patch(Integer maxConnections, Integer maxConnectionsPerTorrent, Long downloadRateLimit, Long uploadRateLimit,
                 Encryption encryption, Boolean dht, Boolean lsd, Boolean pex, Boolean allowLocalTrackers,
                 Long trackerMinIntervalMs, Long diskQueueHighWater, Long handshakeTimeoutMs, Long peerTimeoutMs,
                 Long requestTimeoutMs, Integer maxOutstandingRequests, Integer maxIncomingRequests,
                 Integer unchokeSlots, Double seedRatioLimit, Long seedTimeLimitMs, Long resumeSaveIntervalMs,
                 Integer connectionsPerSecond, String downloadDir, List<String> allowedRoots, Integer listenPort) {
    }

    /** What the session does not say about itself: the read-only fields. */
    record Fixed(Path downloadDir, List<Path> allowedRoots, int listenPort) {
    }

    private SettingsShape() {
    }

    /** The Settings object. */
    static Map<String, Object> toJson(Settings s, Fixed fixed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxConnections", s.maxConnections());
        m.put("maxConnectionsPerTorrent", s.maxConnectionsPerTorrent());
        m.put("downloadRateLimit", s.downloadRateLimit());
        m.put("uploadRateLimit", s.uploadRateLimit());
        m.put("encryption", s.encryption());
        m.put("dht", s.dht());
        m.put("lsd", s.lsd());
        m.put("pex", s.pex());
        m.put("allowLocalTrackers", s.allowLocalTrackers());
        m.put("trackerMinIntervalMs", Shapes.millis(s.trackerMinInterval()));
        m.put("diskQueueHighWater", s.diskQueueHighWater());
        m.put("handshakeTimeoutMs", Shapes.millis(s.handshakeTimeout()));
        m.put("peerTimeoutMs", Shapes.millis(s.peerTimeout()));
        m.put("requestTimeoutMs", Shapes.millis(s.requestTimeout()));
        m.put("maxOutstandingRequests", s.maxOutstandingRequests());
        m.put("maxIncomingRequests", s.maxIncomingRequests());
        m.put("unchokeSlots", s.unchokeSlots());
        m.put("seedRatioLimit", s.seedRatioLimit());
        m.put("seedTimeLimitMs", Shapes.millis(s.seedTimeLimit()));
        m.put("resumeSaveIntervalMs", Shapes.millis(s.resumeSaveInterval()));
        m.put("connectionsPerSecond", s.connectionsPerSecond());
        m.put("downloadDir", fixed.downloadDir().toString());
        List<String> roots = new ArrayList<>();
        for (Path r : fixed.allowedRoots()) {
            roots.add(r.toString());
        }
        m.put("allowedRoots", roots);
        m.put("listenPort", fixed.listenPort());
        return m;
    }

    /**
     * The settings with the patch applied.
     *
     * @throws RpcException -32602 naming the first field that is out of range, read-only or
     *     read once and different from its current value
     */
    static Settings apply(Settings s, Fixed fixed, Patch p) {
        unchanged("downloadDir", p.downloadDir(), fixed.downloadDir().toString());
        if (p.allowedRoots() != null) {
            List<String> roots = new ArrayList<>();
            for (Path r : fixed.allowedRoots()) {
                roots.add(r.toString());
            }
            unchanged("allowedRoots", p.allowedRoots(), roots);
        }
        unchanged("listenPort", p.listenPort(), fixed.listenPort());
        unchanged("allowLocalTrackers", p.allowLocalTrackers(), s.allowLocalTrackers());
        unchanged("trackerMinIntervalMs", p.trackerMinIntervalMs(), Shapes.millis(s.trackerMinInterval()));
        Settings.Builder b = s.toBuilder();
        if (p.maxConnections() != null) {
            b.maxConnections(p.maxConnections());
        }
        if (p.maxConnectionsPerTorrent() != null) {
            b.maxConnectionsPerTorrent(p.maxConnectionsPerTorrent());
        }
        if (p.downloadRateLimit() != null) {
            b.downloadRateLimit(p.downloadRateLimit());
        }
        if (p.uploadRateLimit() != null) {
            b.uploadRateLimit(p.uploadRateLimit());
        }
        if (p.encryption() != null) {
            b.encryption(p.encryption());
        }
        if (p.dht() != null) {
            b.dht(p.dht());
        }
        if (p.lsd() != null) {
            b.lsd(p.lsd());
        }
        if (p.pex() != null) {
            b.pex(p.pex());
        }
        if (p.diskQueueHighWater() != null) {
            b.diskQueueHighWater(p.diskQueueHighWater());
        }
        if (p.handshakeTimeoutMs() != null) {
            b.handshakeTimeout(Duration.ofMillis(p.handshakeTimeoutMs()));
        }
        if (p.peerTimeoutMs() != null) {
            b.peerTimeout(Duration.ofMillis(p.peerTimeoutMs()));
        }
        if (p.requestTimeoutMs() != null) {
            b.requestTimeout(Duration.ofMillis(p.requestTimeoutMs()));
        }
        if (p.maxOutstandingRequests() != null) {
            b.maxOutstandingRequests(p.maxOutstandingRequests());
        }
        if (p.maxIncomingRequests() != null) {
            b.maxIncomingRequests(p.maxIncomingRequests());
        }
        if (p.unchokeSlots() != null) {
            b.unchokeSlots(p.unchokeSlots());
        }
        if (p.seedRatioLimit() != null) {
            b.seedRatioLimit(p.seedRatioLimit());
        }
        if (p.seedTimeLimitMs() != null) {
            b.seedTimeLimit(p.seedTimeLimitMs() == 0 ? null : Duration.ofMillis(p.seedTimeLimitMs()));
        }
        if (p.resumeSaveIntervalMs() != null) {
            b.resumeSaveInterval(Duration.ofMillis(p.resumeSaveIntervalMs()));
        }
        if (p.connectionsPerSecond() != null) {
            b.connectionsPerSecond(p.connectionsPerSecond());
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw outOfRange(e);
        }
    }

    /** The engine names the field first ({@code "peerTimeout: PT0S (expected: > 0)"}); the client knows it by its JSON name. */
    private static RpcException outOfRange(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(':');
        String name = colon < 0 ? "" : message.substring(0, colon);
        Map<String, Object> json = toJson(Settings.defaults(), new Fixed(Path.of("/"), List.of(), 0));
        String param = json.containsKey(name) ? name : json.containsKey(name + "Ms") ? name + "Ms" : null;
        if (param == null) {
            return RpcException.invalidParams("Invalid params: " + message);
        }
        return Checks.invalid(param, "is out of range: " + message.substring(colon + 1).strip());
    }

    private static void unchanged(String name, Object given, Object current) {
        if (given != null && !Objects.equals(given, current)) {
            throw Checks.invalid(name, "is read-only: it is set when the engine starts (current value: " + current + ")");
        }
    }
}
