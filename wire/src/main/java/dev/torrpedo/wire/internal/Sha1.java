package dev.torrpedo.wire.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-1 over concatenated parts, as MSE/PE and BEP 6 use it. */
public final class Sha1 {
    private static final byte[] REQ2 = "req2".getBytes(StandardCharsets.US_ASCII);

    private Sha1() {
    }

    /** @return a fresh SHA-1 digest */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /** @return SHA-1 of the parts, one after the other */
    public static byte[] hash(byte[]... parts) {
        MessageDigest md = newDigest();
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    /** @return MSE's {@code HASH('req2', SKEY)}: how an initiator names a torrent without showing its hash */
    public static byte[] req2(byte[] skey) {
        return hash(REQ2, skey);
    }
}
