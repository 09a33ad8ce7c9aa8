package dev.torrpedo.wire.internal;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.DHBasicAgreement;
import org.bouncycastle.crypto.generators.DHKeyPairGenerator;
import org.bouncycastle.crypto.params.DHKeyGenerationParameters;
import org.bouncycastle.crypto.params.DHParameters;
import org.bouncycastle.crypto.params.DHPublicKeyParameters;

/**
 * One side's Diffie-Hellman key of MSE/PE, with Bouncy Castle: the 768-bit prime of the
 * spec, generator 2, a 160-bit private exponent. Public keys and the shared secret are
 * 96 bytes, big-endian, zero-padded on the left.
 */
public final class MseDiffieHellman {
    /** Length of a public key and of the shared secret. */
    public static final int KEY_LENGTH = 96;

    /** The prime P of MSE/PE. */
    public static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
            + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563", 16);
    private static final DHParameters PARAMS = new DHParameters(P, BigInteger.TWO, null, 160);

    private final AsymmetricCipherKeyPair pair;

    /** Generates a key pair from {@code random}. */
    public MseDiffieHellman(SecureRandom random) {
        DHKeyPairGenerator gen = new DHKeyPairGenerator();
        gen.init(new DHKeyGenerationParameters(random, PARAMS));
        pair = gen.generateKeyPair();
    }

    /** @return our public key Y, 96 bytes */
    public byte[] publicKey() {
        return toBytes(((DHPublicKeyParameters) pair.getPublic()).getY());
    }

    /**
     * @param remote the other side's 96-byte public key
     * @return the shared secret S, 96 bytes
     * @throws IllegalArgumentException if {@code remote} is not a valid key (0, 1, P - 1 or more)
     */
    public byte[] sharedSecret(byte[] remote) {
        BigInteger y = new BigInteger(1, remote);
        DHBasicAgreement agreement = new DHBasicAgreement();
        agreement.init(pair.getPrivate());
        return toBytes(agreement.calculateAgreement(new DHPublicKeyParameters(y, PARAMS)));
    }

    private static byte[] toBytes(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[KEY_LENGTH];
        int n = Math.min(raw.length, KEY_LENGTH);
        System.arraycopy(raw, raw.length - n, out, KEY_LENGTH - n, n);
        return out;
    }
}
