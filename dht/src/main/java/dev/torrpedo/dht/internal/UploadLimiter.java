package dev.torrpedo.dht.internal;

/**
 * A token bucket over the bytes we send in answer to others, so that spoofed queries
 * cannot turn this node into a reflector. Holds at most one second's worth. Loop-confined.
 */
final class UploadLimiter {
    private final long bytesPerSecond;
    private double available;
    private long last;

    /** @param bytesPerSecond the cap (0: none) */
    UploadLimiter(long bytesPerSecond, long now) {
        this.bytesPerSecond = bytesPerSecond;
        this.available = bytesPerSecond;
        this.last = now;
    }

    /** @return whether {@code bytes} may be sent now; if so they are taken from the budget */
    boolean tryTake(int bytes, long now) {
        if (bytesPerSecond == 0) {
            return true;
        }
        if (now > last) {
            available = Math.min(bytesPerSecond, available + (now - last) * bytesPerSecond / 1000.0);
            last = now;
        }
        if (available < bytes) {
            return false;
        }
        available -= bytes;
        return true;
    }
}
