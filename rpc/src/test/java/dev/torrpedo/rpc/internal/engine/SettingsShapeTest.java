package dev.torrpedo.rpc.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.engine.Encryption;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** session.getSettings and the partial update of session.setSettings. */
class SettingsShapeTest {
    private static final SettingsShape.Fixed FIXED = new SettingsShape.Fixed(Path.of("/dl"), List.of(Path.of("/dl"),
            Path.of("/media")), 6881);

    private static SettingsShape.Patch patch() {
        return new SettingsShape.Patch(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void theJsonHasEveryFieldWithDurationsInMilliseconds() {
        Map<String, Object> m = SettingsShape.toJson(Settings.defaults().toBuilder()
                .seedTimeLimit(Duration.ofMinutes(2)).build(), FIXED);
        assertEquals(List.of("maxConnections", "maxConnectionsPerTorrent", "downloadRateLimit", "uploadRateLimit",
                "encryption", "dht", "lsd", "pex", "allowLocalTrackers", "trackerMinIntervalMs", "diskQueueHighWater",
                "handshakeTimeoutMs", "peerTimeoutMs", "requestTimeoutMs", "maxOutstandingRequests", "maxIncomingRequests",
                "unchokeSlots", "seedRatioLimit", "seedTimeLimitMs", "resumeSaveIntervalMs", "connectionsPerSecond",
                "downloadDir", "allowedRoots", "listenPort"), List.copyOf(m.keySet()));
        assertEquals(300_000L, m.get("trackerMinIntervalMs"));
        assertEquals(120_000L, m.get("seedTimeLimitMs"));
        assertEquals(Encryption.PREFER, m.get("encryption"));
        assertEquals(List.of("/dl", "/media"), m.get("allowedRoots"));
        assertNull(SettingsShape.toJson(Settings.defaults(), FIXED).get("seedTimeLimitMs"));
    }

    @Test
    void anEmptyPatchChangesNothingAndAFullOneChangesOnlyWhatDiffers() {
        Settings s = Settings.defaults();
        assertEquals(s, SettingsShape.apply(s, FIXED, patch()));
        SettingsShape.Patch p = new SettingsShape.Patch(10, 5, 1000L, 2000L, Encryption.REQUIRE, false, false, false,
                false, 300_000L, 1L << 20, 5000L, 60_000L, 30_000L, 100, 100, 2, 1.5, 3_600_000L, 10_000L, 5,
                "/dl", List.of("/dl", "/media"), 6881);
        Settings next = SettingsShape.apply(s, FIXED, p);
        assertEquals(10, next.maxConnections());
        assertEquals(Encryption.REQUIRE, next.encryption());
        assertEquals(Duration.ofSeconds(5), next.handshakeTimeout());
        assertEquals(Duration.ofHours(1), next.seedTimeLimit());
        assertEquals(1.5, next.seedRatioLimit());
        Map<String, Object> back = SettingsShape.toJson(next, FIXED);
        assertEquals(5000L, back.get("handshakeTimeoutMs"));
    }

    @Test
    void aSeedTimeOfZeroMeansNone() {
        Settings limited = Settings.defaults().toBuilder().seedTimeLimit(Duration.ofMinutes(1)).build();
        SettingsShape.Patch p = new SettingsShape.Patch(null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, 0L, null, null, null, null, null);
        assertNull(SettingsShape.apply(limited, FIXED, p).seedTimeLimit());
    }

    @Test
    void readOnlyFieldsMayBeRepeatedButNotChanged() {
        Settings s = Settings.defaults();
        assertSame(s.allowLocalTrackers(), SettingsShape.apply(s, FIXED, withReadOnly(false, null, null, null))
                .allowLocalTrackers());
        assertParam("allowLocalTrackers", withReadOnly(true, null, null, null));
        assertParam("trackerMinIntervalMs", withReadOnly(null, 1000L, null, null));
        assertParam("downloadDir", withReadOnly(null, null, "/elsewhere", null));
        assertParam("listenPort", withReadOnly(null, null, null, 1));
    }

    private static SettingsShape.Patch withReadOnly(Boolean local, Long interval, String dir, Integer port) {
        return new SettingsShape.Patch(null, null, null, null, null, null, null, null, local, interval, null, null, null,
                null, null, null, null, null, null, null, null, dir, null, port);
    }

    @Test
    void outOfRangeValuesNameTheirJsonField() {
        assertParam("maxConnections", new SettingsShape.Patch(0, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertParam("handshakeTimeoutMs", new SettingsShape.Patch(null, null, null, null, null, null, null, null, null,
                null, null, 0L, null, null, null, null, null, null, null, null, null, null, null, null));
        assertParam("uploadRateLimit", new SettingsShape.Patch(null, null, null, -1L, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertParam("seedTimeLimitMs", new SettingsShape.Patch(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, -5L, null, null, null, null, null));
    }

    private static void assertParam(String param, SettingsShape.Patch p) {
        RpcException e = assertThrows(RpcException.class, () -> SettingsShape.apply(Settings.defaults(), FIXED, p));
        assertEquals(RpcErrorCode.INVALID_PARAMS, e.code());
        assertEquals(Map.of("param", param), e.data(), e.getMessage());
        assertTrue(e.getMessage().contains(param), e.getMessage());
    }
}
