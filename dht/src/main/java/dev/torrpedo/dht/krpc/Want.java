package dev.torrpedo.dht.krpc;

/**
 * BEP 32 {@code want}: which address families of nodes a requester asks for. Absent, the
 * answer carries nodes of the family the query arrived over.
 */
public enum Want {
    /** No {@code want} key. */
    DEFAULT,
    /** {@code ["n4"]}. */
    N4,
    /** {@code ["n6"]}. */
    N6,
    /** {@code ["n4", "n6"]}. */
    BOTH;

    /** @return whether IPv4 nodes are wanted, given the family the query came over */
    public boolean wantsV4(boolean queryOverV4) {
        return this == N4 || this == BOTH || (this == DEFAULT && queryOverV4);
    }

    /** @return whether IPv6 nodes are wanted, given the family the query came over */
    public boolean wantsV6(boolean queryOverV4) {
        return this == N6 || this == BOTH || (this == DEFAULT && !queryOverV4);
    }

    static Want of(boolean n4, boolean n6) {
        if (n4 && n6) {
            return BOTH;
        }
        return n4 ? N4 : n6 ? N6 : DEFAULT;
    }
}
