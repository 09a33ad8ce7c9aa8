package dev.torrpedo.metainfo;

/**
 * Limits checked while a torrent is read, before anything is allocated for what they
 * bound. The defaults are libtorrent's.
 *
 * @param maxSize           largest .torrent (or info dictionary) in bytes
 * @param maxDepth          deepest bencode nesting
 * @param maxTokens         most bencode values in one input
 * @param maxPieces         most pieces in one torrent
 * @param maxDuplicateNames most files renamed because their sanitised path collided with another
 * @param maxPathDepth      most components in one file path (directories and file name)
 */
public record TorrentLimits(int maxSize, int maxDepth, int maxTokens, int maxPieces, int maxDuplicateNames,
        int maxPathDepth) {

    /** libtorrent's limits for .torrent files: 10 MB, depth 100, 3,000,000 tokens, 2,097,152 pieces, 500, 100. */
    public static final TorrentLimits DEFAULT = new TorrentLimits(10_000_000, 100, 3_000_000, 2_097_152, 500, 100);

    /** Like {@link #DEFAULT} but for metadata fetched from peers (BEP 9): up to 30 MiB. */
    public static final TorrentLimits METADATA = DEFAULT.withMaxSize(30 * 1024 * 1024);

    /** Checks each limit is positive. */
    public TorrentLimits {
        check("maxSize", maxSize);
        check("maxDepth", maxDepth);
        check("maxTokens", maxTokens);
        check("maxPieces", maxPieces);
        if (maxDuplicateNames < 0) {
            throw new IllegalArgumentException("maxDuplicateNames: " + maxDuplicateNames + " (expected: >= 0)");
        }
        check("maxPathDepth", maxPathDepth);
    }

    private static void check(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
        }
    }

    /** @return these limits with another maximum size */
    public TorrentLimits withMaxSize(int bytes) {
        return new TorrentLimits(bytes, maxDepth, maxTokens, maxPieces, maxDuplicateNames, maxPathDepth);
    }

    /** @return these limits with another maximum piece count */
    public TorrentLimits withMaxPieces(int pieces) {
        return new TorrentLimits(maxSize, maxDepth, maxTokens, pieces, maxDuplicateNames, maxPathDepth);
    }
}
