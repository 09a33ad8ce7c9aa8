package dev.torrpedo.dht.routing;

/**
 * The rules of a {@link RoutingTable}.
 *
 * @param k                 nodes per bucket (BEP 5: 8)
 * @param replacements      size of each bucket's replacement cache
 * @param restrictIps       one entry per IP in the table, and one per /24 (IPv6: /64) in a bucket
 * @param preferVerified    a BEP 42-verified node may take the place of an unverified one in a full bucket
 * @param badAfterFailures  failed queries in a row that make a node bad
 * @param goodMillis        how long a response (or a query after one) keeps a node good (BEP 5: 15 minutes)
 */
public record RoutingConfig(int k, int replacements, boolean restrictIps, boolean preferVerified,
                            int badAfterFailures, long goodMillis) {

    /** Checks the values. */
    public RoutingConfig {
        if (k < 1) {
            throw new IllegalArgumentException("k: " + k + " (expected: >= 1)");
        }
        if (replacements < 0) {
            throw new IllegalArgumentException("replacements: " + replacements + " (expected: >= 0)");
        }
        if (badAfterFailures < 1) {
            throw new IllegalArgumentException("badAfterFailures: " + badAfterFailures + " (expected: >= 1)");
        }
        if (goodMillis < 1) {
            throw new IllegalArgumentException("goodMillis: " + goodMillis + " (expected: >= 1)");
        }
    }
}
