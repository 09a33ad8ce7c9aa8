package dev.torrpedo.dht.krpc;

/**
 * Limits the KRPC decoder checks before it allocates anything for a field.
 *
 * @param maxPacketSize          largest datagram in bytes
 * @param maxDepth               deepest nesting of lists and dictionaries (a BEP 44 value nests)
 * @param maxTokens              most bencode values in one datagram
 * @param maxTransactionIdLength longest transaction id {@code t}
 * @param maxTokenLength         longest write token
 * @param maxValues              most peers in a {@code values} list
 * @param maxItemSize            largest BEP 44 value {@code v}, bencoded (BEP 44: 1000)
 * @param maxSaltLength          longest BEP 44 salt (BEP 44: 64)
 * @param maxErrorMessageLength  longest error message
 * @param maxSamples             most BEP 51 samples
 */
public record KrpcLimits(int maxPacketSize, int maxDepth, int maxTokens, int maxTransactionIdLength,
                         int maxTokenLength, int maxValues, int maxItemSize, int maxSaltLength,
                         int maxErrorMessageLength, int maxSamples) {

    /** Room for any packet a well-behaved node sends: 2048 bytes, the size Netty receives a datagram into. */
    public static final KrpcLimits DEFAULT = new KrpcLimits(2048, 16, 1024, 16, 64, 200, 1000, 64, 512, 100);

    /** Checks each limit is positive. */
    public KrpcLimits {
        positive("maxPacketSize", maxPacketSize);
        positive("maxDepth", maxDepth);
        positive("maxTokens", maxTokens);
        positive("maxTransactionIdLength", maxTransactionIdLength);
        positive("maxTokenLength", maxTokenLength);
        positive("maxValues", maxValues);
        positive("maxItemSize", maxItemSize);
        positive("maxSaltLength", maxSaltLength);
        positive("maxErrorMessageLength", maxErrorMessageLength);
        positive("maxSamples", maxSamples);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
        }
    }
}
