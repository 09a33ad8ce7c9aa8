package dev.torrpedo.dht.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Ed25519 (RFC 8032) with the JDK's own provider (JDK 15+), converting between BEP 44's
 * raw 32-byte public keys and the JDK's X.509 encoding.
 */
public final class Ed25519 {
    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519, followed by the 32 raw bytes. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private Ed25519() {
    }

    /** @return the raw 32 bytes of an Ed25519 public key */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] enc = key.getEncoded();
        if (!"X.509".equals(key.getFormat()) || enc.length != X509_PREFIX.length + 32
                || !Arrays.equals(enc, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + key.getAlgorithm());
        }
        return Arrays.copyOfRange(enc, X509_PREFIX.length, enc.length);
    }

    /** @return the 64-byte signature of {@code message} */
    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with " + key.getAlgorithm(), e);
        }
    }

    /** @return whether {@code signature} is {@code rawKey}'s signature of {@code message}; false for a malformed key */
    public static boolean verify(byte[] rawKey, byte[] message, byte[] signature) {
        if (rawKey.length != 32 || signature.length != 64) {
            return false;
        }
        try {
            byte[] enc = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
            System.arraycopy(rawKey, 0, enc, X509_PREFIX.length, 32);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(enc));
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a point not on the curve, or another malformed key
        }
    }
}
