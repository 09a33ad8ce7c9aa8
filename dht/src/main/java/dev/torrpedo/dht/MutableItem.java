package dev.torrpedo.dht;

import dev.torrpedo.bencode.BValue;
import dev.torrpedo.dht.internal.Ed25519;
import dev.torrpedo.dht.internal.Sha1;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Objects;

/**
 * A BEP 44 mutable item: a value signed with an ed25519 key, stored under SHA-1 of the key
 * and salt, replaced only by a higher sequence number. Signing and verification use the
 * JDK's {@code Ed25519}.
 *
 * <pre>
 * signed bytes: [4:salt&lt;len&gt;:&lt;salt&gt;]3:seqi&lt;seq&gt;e1:v&lt;bencoded value&gt;
 * </pre>
 *
 * @param publicKey the 32-byte ed25519 public key {@code k}
 * @param salt      the salt (at most 64 bytes; empty for none)
 * @param seq       the sequence number
 * @param value     the value (at most 1000 bytes encoded)
 * @param signature the 64-byte signature
 */
public record MutableItem(byte[] publicKey, byte[] salt, long seq, BValue value, byte[] signature) {
    /** BEP 44: the largest value a node has to store, in encoded bytes. */
    public static final int MAX_VALUE_SIZE = 1000;
    /** BEP 44: the longest salt. */
    public static final int MAX_SALT_SIZE = 64;

    /** Checks sizes; copies the arrays. */
    public MutableItem {
        publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
        salt = Objects.requireNonNull(salt, "salt").clone();
        Objects.requireNonNull(value, "value");
        signature = Objects.requireNonNull(signature, "signature").clone();
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("publicKey: " + publicKey.length + " bytes (expected: 32)");
        }
        if (salt.length > MAX_SALT_SIZE) {
            throw new IllegalArgumentException("salt: " + salt.length + " bytes (expected: <= 64)");
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq: " + seq + " (expected: >= 0)");
        }
        if (value.raw().remaining() > MAX_VALUE_SIZE) {
            throw new IllegalArgumentException("value: " + value.raw().remaining() + " bytes (expected: <= 1000)");
        }
        if (signature.length != 64) {
            throw new IllegalArgumentException("signature: " + signature.length + " bytes (expected: 64)");
        }
    }

    /**
     * Signs {@code value} as item {@code seq} of {@code keys} under {@code salt}.
     *
     * @param keys an Ed25519 key pair ({@code KeyPairGenerator.getInstance("Ed25519")})
     */
    public static MutableItem sign(KeyPair keys, byte[] salt, long seq, BValue value) {
        byte[] k = Ed25519.rawPublicKey(keys.getPublic());
        byte[] sig = Ed25519.sign(keys.getPrivate(), signedBytes(salt, seq, value));
        return new MutableItem(k, salt, seq, value, sig);
    }

    /** @return the bytes BEP 44 signs: the salt (if any), the sequence number and the value, bencoded */
    public static byte[] signedBytes(byte[] salt, long seq, BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + value.raw().remaining());
        if (salt.length > 0) {
            out.writeBytes(("4:salt" + salt.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(salt);
        }
        out.writeBytes(("3:seqi" + seq + "e1:v").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer raw = value.raw();
        byte[] v = new byte[raw.remaining()];
        raw.get(v);
        out.writeBytes(v);
        return out.toByteArray();
    }

    /** @return the target of the item of {@code publicKey} and {@code salt}: SHA-1(key || salt) */
    public static NodeId target(byte[] publicKey, byte[] salt) {
        return NodeId.of(Sha1.of(publicKey, salt));
    }

    /** @return the target it is stored under */
    public NodeId target() {
        return target(publicKey, salt);
    }

    /** @return whether the signature is the key's over salt, sequence number and value */
    public boolean verify() {
        return Ed25519.verify(publicKey, signedBytes(salt, seq, value), signature);
    }

    /** @return a copy of the public key */
    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** @return a copy of the salt */
    @Override
    public byte[] salt() {
        return salt.clone();
    }

    /** @return a copy of the signature */
    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
