package dev.torrpedo.wire;

/**
 * What a remote peer may send, each checked before anything is allocated for it. The
 * defaults are libtorrent's (see DESIGN.md, "Limits").
 *
 * @param maxMessageLength   largest length prefix of any message, bitfields included (default 1 MiB)
 * @param maxBlockLength     largest block in a {@code piece} message; its frame may be this plus 9 (default 16 KiB)
 * @param maxMetadataMessage largest {@code ut_metadata} message, dictionary and data (default 17 KiB)
 * @param maxMetadataSize    largest {@code total_size} or {@code metadata_size} a peer may announce (default 30 MiB)
 * @param maxPexMessage      largest {@code ut_pex} message (default 500 KiB)
 * @param maxExtendedHandshake largest extended handshake (default 64 KiB)
 */
public record WireLimits(int maxMessageLength, int maxBlockLength, int maxMetadataMessage, int maxMetadataSize,
                         int maxPexMessage, int maxExtendedHandshake) {

    /** The defaults. */
    public static final WireLimits DEFAULT =
            new WireLimits(1 << 20, 16 * 1024, 17 * 1024, 30 << 20, 500 * 1024, 64 * 1024);

    /** Checks that every limit is positive and that a piece frame fits a message. */
    public WireLimits {
        positive("maxMessageLength", maxMessageLength);
        positive("maxBlockLength", maxBlockLength);
        positive("maxMetadataMessage", maxMetadataMessage);
        positive("maxMetadataSize", maxMetadataSize);
        positive("maxPexMessage", maxPexMessage);
        positive("maxExtendedHandshake", maxExtendedHandshake);
        if ((long) maxBlockLength + 9 > maxMessageLength) {
            throw new IllegalArgumentException("maxBlockLength: " + maxBlockLength
                    + " (expected: <= maxMessageLength - 9 = " + (maxMessageLength - 9) + ")");
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    /** @return these limits with another largest message length */
    public WireLimits withMaxMessageLength(int bytes) {
        return new WireLimits(bytes, maxBlockLength, maxMetadataMessage, maxMetadataSize, maxPexMessage, maxExtendedHandshake);
    }

    /** @return these limits with another largest block */
    public WireLimits withMaxBlockLength(int bytes) {
        return new WireLimits(maxMessageLength, bytes, maxMetadataMessage, maxMetadataSize, maxPexMessage, maxExtendedHandshake);
    }
}
