package dev.torrpedo.dht.internal;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * BEP 5 write tokens: the first 8 bytes of SHA-1(requester IP || secret). The secret
 * rotates every interval; a token made with the previous secret is still accepted, so a
 * token lives between one and two intervals. Loop-confined.
 */
final class Tokens {
    static final int LENGTH = 8;
    private static final int SECRET = 16;

    private final RandomGenerator random;
    private final long rotateMillis;
    private final MessageDigest sha1;
    private byte[] current = new byte[SECRET];
    private byte[] previous = new byte[SECRET];
    private long rotated;

    Tokens(RandomGenerator random, long rotateMillis, long now) {
        this.random = random;
        this.rotateMillis = rotateMillis;
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
        random.nextBytes(current);
        random.nextBytes(previous);
        rotated = now;
    }

    /** Rotates the secret if its interval has passed. */
    void tick(long now) {
        if (now - rotated >= rotateMillis) {
            previous = current;
            current = new byte[SECRET];
            random.nextBytes(current);
            rotated = now;
        }
    }

    /** @return the token for {@code ip} */
    byte[] token(InetAddress ip) {
        return make(ip, current);
    }

    /** @return whether {@code token} was made for {@code ip} with the current or the previous secret */
    boolean valid(InetAddress ip, byte[] token) {
        return token.length == LENGTH
                && (MessageDigest.isEqual(token, make(ip, current)) || MessageDigest.isEqual(token, make(ip, previous)));
    }

    private byte[] make(InetAddress ip, byte[] secret) {
        sha1.reset();
        sha1.update(ip.getAddress());
        sha1.update(secret);
        return Arrays.copyOf(sha1.digest(), LENGTH);
    }
}
