package dev.torrpedo.dht.internal;

import java.net.InetAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-IP flood protection (after libtorrent's dos_blocker): an IP that sends more than
 * {@code rate} packets a second, counted over a window, is blocked for a while. Tracks at
 * most {@code capacity} IPs, forgetting the least recently active. Loop-confined.
 */
final class RateLimiter {
    private final int limitPerWindow;
    private final long windowMillis;
    private final long blockMillis;
    private final int capacity;
    private final Map<InetAddress, Entry> entries;
    private long blockedTotal;

    private static final class Entry {
        long windowStart;
        int count;
        long blockedUntil = Long.MIN_VALUE;
    }

    /**
     * @param ratePerSecond packets a second allowed on average (0: no limit)
     * @param windowMillis  the window the rate is counted over
     * @param blockMillis   how long an IP over the rate is blocked
     * @param capacity      most IPs tracked
     */
    RateLimiter(int ratePerSecond, long windowMillis, long blockMillis, int capacity) {
        this.limitPerWindow = (int) Math.max(1, ratePerSecond * windowMillis / 1000);
        this.windowMillis = windowMillis;
        this.blockMillis = blockMillis;
        this.capacity = ratePerSecond == 0 ? 0 : capacity;
        this.entries = new LinkedHashMap<>(64, 0.75f, true);
    }

    /** @return whether {@code ip} is blocked now (without counting a packet) */
    boolean blocked(InetAddress ip, long now) {
        if (capacity == 0) {
            return false;
        }
        Entry e = entries.get(ip);
        return e != null && now < e.blockedUntil;
    }

    /** Counts one packet from {@code ip}; @return false if {@code ip} is (now) blocked */
    boolean allow(InetAddress ip, long now) {
        if (capacity == 0) {
            return true;
        }
        Entry e = entries.get(ip);
        if (e == null) {
            if (entries.size() >= capacity) {
                Iterator<Entry> eldest = entries.values().iterator();
                eldest.next();
                eldest.remove();
            }
            e = new Entry();
            e.windowStart = now;
            entries.put(ip, e);
        }
        if (now < e.blockedUntil) {
            return false;
        }
        if (now - e.windowStart >= windowMillis) {
            e.windowStart = now;
            e.count = 0;
        }
        if (++e.count > limitPerWindow) {
            e.blockedUntil = now + blockMillis;
            blockedTotal++;
            return false;
        }
        return true;
    }

    /** @return IPs blocked at {@code now} */
    int blockedCount(long now) {
        int n = 0;
        for (Entry e : entries.values()) {
            if (now < e.blockedUntil) {
                n++;
            }
        }
        return n;
    }

    /** @return how many times an IP was blocked */
    long blockedTotal() {
        return blockedTotal;
    }

    /** @return IPs tracked */
    int size() {
        return entries.size();
    }
}
