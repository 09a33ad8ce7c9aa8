package dev.torrpedo.metainfo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The identity of a torrent: the SHA-1 of its info dictionary (v1, BEP 3), the SHA-256 of
 * it (v2, BEP 52), or both (hybrid). Immutable.
 *
 * <p>Where only 20 bytes fit (the peer handshake, trackers, the DHT) a v2-only torrent uses
 * its SHA-256 truncated to 20 bytes ({@link #wire()}).
 */
public final class InfoHash {
    /** Length of a v1 hash and of the 20-byte wire form. */
    public static final int V1_LENGTH = 20;
    /** Length of a v2 hash. */
    public static final int V2_LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] v1;
    private final byte[] v2;

    private InfoHash(byte[] v1, byte[] v2) {
        if (v1 == null && v2 == null) {
            throw new IllegalArgumentException("an info hash needs a v1 or a v2 hash");
        }
        if (v1 != null && v1.length != V1_LENGTH) {
            throw new IllegalArgumentException("v1 hash: " + v1.length + " bytes (expected: 20)");
        }
        if (v2 != null && v2.length != V2_LENGTH) {
            throw new IllegalArgumentException("v2 hash: " + v2.length + " bytes (expected: 32)");
        }
        this.v1 = v1 == null ? null : v1.clone();
        this.v2 = v2 == null ? null : v2.clone();
    }

    /** @return the identity of a v1 torrent with this SHA-1 */
    public static InfoHash v1(byte[] sha1) {
        return new InfoHash(Objects.requireNonNull(sha1, "sha1"), null);
    }

    /** @return the identity of a v2 torrent with this SHA-256 */
    public static InfoHash v2(byte[] sha256) {
        return new InfoHash(null, Objects.requireNonNull(sha256, "sha256"));
    }

    /** @return the identity of a hybrid torrent */
    public static InfoHash hybrid(byte[] sha1, byte[] sha256) {
        return new InfoHash(Objects.requireNonNull(sha1, "sha1"), Objects.requireNonNull(sha256, "sha256"));
    }

    /**
     * Hashes the raw bytes of an info dictionary, exactly as received.
     *
     * @param rawInfo the info dictionary's bytes (its position and limit are not changed)
     * @param withV1  whether to take the SHA-1 (v1 and hybrid torrents)
     * @param withV2  whether to take the SHA-256 (v2 and hybrid torrents)
     */
    public static InfoHash ofInfo(ByteBuffer rawInfo, boolean withV1, boolean withV2) {
        return new InfoHash(withV1 ? digest("SHA-1", rawInfo) : null, withV2 ? digest("SHA-256", rawInfo) : null);
    }

    /**
     * Parses 40 hex digits (v1) or 64 hex digits (v2).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static InfoHash parseHex(String hex) {
        if ((hex.length() != 40 && hex.length() != 64) || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("info hash: '" + hex + "' (expected: 40 or 64 hex digits)");
        }
        byte[] bytes = HEX.parseHex(hex.toLowerCase(Locale.ROOT));
        return bytes.length == V1_LENGTH ? v1(bytes) : v2(bytes);
    }

    private static byte[] digest(String algorithm, ByteBuffer bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            md.update(bytes.duplicate());
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /** @return whether there is a v1 (SHA-1) hash */
    public boolean hasV1() {
        return v1 != null;
    }

    /** @return whether there is a v2 (SHA-256) hash */
    public boolean hasV2() {
        return v2 != null;
    }

    /** @return whether this is a hybrid torrent's identity */
    public boolean isHybrid() {
        return v1 != null && v2 != null;
    }

    /**
     * @return a copy of the v1 hash
     * @throws IllegalStateException if there is none
     */
    public byte[] v1() {
        if (v1 == null) {
            throw new IllegalStateException("no v1 hash: " + this);
        }
        return v1.clone();
    }

    /**
     * @return a copy of the v2 hash
     * @throws IllegalStateException if there is none
     */
    public byte[] v2() {
        if (v2 == null) {
            throw new IllegalStateException("no v2 hash: " + this);
        }
        return v2.clone();
    }

    /** @return the v2 hash truncated to 20 bytes, as trackers and the DHT use it */
    public byte[] truncatedV2() {
        if (v2 == null) {
            throw new IllegalStateException("no v2 hash: " + this);
        }
        return Arrays.copyOf(v2, V1_LENGTH);
    }

    /** @return the 20 bytes that name this torrent on the wire: v1 if present, else the truncated v2 */
    public byte[] wire() {
        return v1 != null ? v1.clone() : truncatedV2();
    }

    /** @return whether {@code twenty} is the v1 hash or the truncated v2 hash (an inbound handshake) */
    public boolean matchesWire(byte[] twenty) {
        if (twenty.length != V1_LENGTH) {
            return false;
        }
        return (v1 != null && Arrays.equals(v1, twenty))
                || (v2 != null && Arrays.equals(v2, 0, V1_LENGTH, twenty, 0, V1_LENGTH));
    }

    /**
     * The identifier used by the RPC bridge and in file names: the v1 hash in hex when there
     * is one (as Transmission and libtorrent show hybrids), else the v2 hash in hex.
     */
    public String id() {
        return HEX.formatHex(v1 != null ? v1 : v2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoHash h && Arrays.equals(v1, h.v1) && Arrays.equals(v2, h.v2);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(v1) + Arrays.hashCode(v2);
    }

    @Override
    public String toString() {
        if (isHybrid()) {
            return "InfoHash[v1=" + HEX.formatHex(v1) + ", v2=" + HEX.formatHex(v2) + "]";
        }
        return "InfoHash[" + (v1 != null ? "v1=" + HEX.formatHex(v1) : "v2=" + HEX.formatHex(v2)) + "]";
    }
}
