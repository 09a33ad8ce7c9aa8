package dev.torrpedo.metainfo;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The 20-byte id a peer sends in its handshake. Ours is Azureus style: {@code -TP} and four
 * version digits and {@code -}, then twelve random characters.
 */
public final class PeerId {
    /** Length of a peer id. */
    public static final int LENGTH = 20;
    /** The prefix of this version's ids. */
    public static final String PREFIX = "-TP0100-";

    private static final byte[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);

    private final byte[] id;

    private PeerId(byte[] id) {
        if (id.length != LENGTH) {
            throw new IllegalArgumentException("peer id: " + id.length + " bytes (expected: 20)");
        }
        this.id = id.clone();
    }

    /** @return a fresh id of ours, its random part drawn from {@code random} */
    public static PeerId generate(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        byte[] b = Arrays.copyOf(PREFIX.getBytes(StandardCharsets.US_ASCII), LENGTH);
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            b[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new PeerId(b);
    }

    /** @return the id made of these 20 bytes */
    public static PeerId of(byte[] bytes) {
        return new PeerId(Objects.requireNonNull(bytes, "bytes"));
    }

    /** @return a copy of the 20 bytes */
    public byte[] bytes() {
        return id.clone();
    }

    /**
     * @return the Azureus-style client code and version, such as {@code "TP0100"} or
     *         {@code "LT2080"}, or empty if the id is not of that style
     */
    public String azureusClient() {
        if (id[0] != '-' || id[7] != '-') {
            return "";
        }
        for (int i = 1; i < 7; i++) {
            if (id[i] < 0x20 || id[i] > 0x7e) {
                return "";
            }
        }
        return new String(id, 1, 6, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerId p && Arrays.equals(id, p.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    /** Printable ASCII as is, the rest as {@code %XX}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (byte b : id) {
            if (b >= 0x20 && b < 0x7f && b != '%') {
                sb.append((char) b);
            } else {
                sb.append('%').append(HexFormat.of().toHexDigits(b));
            }
        }
        return sb.toString();
    }
}
