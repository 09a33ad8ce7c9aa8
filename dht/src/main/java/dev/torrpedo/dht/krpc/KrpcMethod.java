package dev.torrpedo.dht.krpc;

import java.nio.charset.StandardCharsets;

/** The KRPC query methods this node speaks, with their wire names. */
public enum KrpcMethod {
    /** BEP 5 {@code ping}. */
    PING("ping"),
    /** BEP 5 {@code find_node}. */
    FIND_NODE("find_node"),
    /** BEP 5 {@code get_peers} (with BEP 33 {@code scrape}, {@code noseed}). */
    GET_PEERS("get_peers"),
    /** BEP 5 {@code announce_peer} (with BEP 33 {@code seed}). */
    ANNOUNCE_PEER("announce_peer"),
    /** BEP 51 {@code sample_infohashes}. */
    SAMPLE_INFOHASHES("sample_infohashes"),
    /** BEP 44 {@code get}. */
    GET("get"),
    /** BEP 44 {@code put}. */
    PUT("put");

    private static final KrpcMethod[] VALUES = values();

    private final String wireName;
    private final byte[] wireBytes;

    KrpcMethod(String wireName) {
        this.wireName = wireName;
        this.wireBytes = wireName.getBytes(StandardCharsets.US_ASCII);
    }

    /** @return the name in the {@code q} field */
    public String wireName() {
        return wireName;
    }

    /** @return the method whose wire name these bytes are, or {@code null} */
    static KrpcMethod ofWire(byte[] bytes) {
        for (KrpcMethod m : VALUES) {
            if (java.util.Arrays.equals(m.wireBytes, bytes)) {
                return m;
            }
        }
        return null;
    }
}
