package dev.torrpedo.tracker.server;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Arrays;

/**
 * Stateless BEP 15 connection ids: a keyed hash of the client's address and the current
 * minute, accepted during that minute and the next. Nothing is stored per client, so a
 * flood of connects costs no memory. (A test tracker's guard against spoofed sources, not a
 * cryptographic MAC.)
 */
final class ConnectionIds {
    private static final long BUCKET_SECONDS = 60;
    private final long secret;

    ConnectionIds(long secret) {
        this.secret = secret;
    }

    long issue(InetSocketAddress client, Instant now) {
        return id(client, bucket(now));
    }

    boolean isValid(long connectionId, InetSocketAddress client, Instant now) {
        long b = bucket(now);
        return connectionId == id(client, b) || connectionId == id(client, b - 1);
    }

    private static long bucket(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), BUCKET_SECONDS);
    }

    private long id(InetSocketAddress client, long bucket) {
        long h = mix(secret ^ bucket);
        h = mix(h ^ Arrays.hashCode(client.getAddress().getAddress()));
        return mix(h ^ client.getPort());
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
