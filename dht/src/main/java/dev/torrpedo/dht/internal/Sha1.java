package dev.torrpedo.dht.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1, for BEP 44 targets. */
public final class Sha1 {
    private Sha1() {
    }

    /** @return the SHA-1 of the concatenation of {@code parts} */
    public static byte[] of(byte[]... parts) {
        MessageDigest md = digest();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    /** @return the SHA-1 of the remaining bytes of {@code bytes} (its position is not changed) */
    public static byte[] of(ByteBuffer bytes) {
        MessageDigest md = digest();
        md.update(bytes.duplicate());
        return md.digest();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
