package dev.torrpedo.bencode;

/**
 * Limits checked while decoding, before anything is allocated for the input.
 *
 * @param maxInputSize largest input in bytes
 * @param maxDepth     deepest nesting of lists and dictionaries
 * @param maxTokens    most values (strings, integers, lists, dictionaries) in one input
 */
public record BencodeLimits(int maxInputSize, int maxDepth, int maxTokens) {

    /** libtorrent's limits for .torrent files: 10 MB, depth 100, 3,000,000 tokens. */
    public static final BencodeLimits DEFAULT = new BencodeLimits(10 * 1000 * 1000, 100, 3_000_000);

    /** No limit but the JVM's: for values this program built itself. */
    static final BencodeLimits TRUSTED = new BencodeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** Checks each limit is positive. */
    public BencodeLimits {
        if (maxInputSize < 0) {
            throw new IllegalArgumentException("maxInputSize: " + maxInputSize + " (expected: >= 0)");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: >= 1)");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens: " + maxTokens + " (expected: >= 1)");
        }
    }

    /** @return these limits with another input size */
    public BencodeLimits withMaxInputSize(int bytes) {
        return new BencodeLimits(bytes, maxDepth, maxTokens);
    }

    /** @return these limits with another depth */
    public BencodeLimits withMaxDepth(int depth) {
        return new BencodeLimits(maxInputSize, depth, maxTokens);
    }

    /** @return these limits with another token count */
    public BencodeLimits withMaxTokens(int tokens) {
        return new BencodeLimits(maxInputSize, maxDepth, tokens);
    }
}
