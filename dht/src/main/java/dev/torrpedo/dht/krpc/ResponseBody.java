package dev.torrpedo.dht.krpc;

import dev.torrpedo.bencode.BValue;
import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import java.net.InetSocketAddress;
import java.util.List;

/** The method-specific part of a response ({@code r} minus {@code id}). */
public sealed interface ResponseBody {

    /** @return the method of the query this answers */
    KrpcMethod method();

    /** A body that carries the nodes closest to the target (BEP 5 {@code nodes}, BEP 32 {@code nodes6}). */
    sealed interface WithNodes extends ResponseBody {
        /** @return the IPv4 nodes */
        List<DhtContact> nodes();

        /** @return the IPv6 nodes */
        List<DhtContact> nodes6();
    }

    /**
     * The empty answer to {@code ping}, {@code announce_peer} and {@code put}.
     *
     * @param method which of them it answers
     */
    record Ack(KrpcMethod method) implements ResponseBody {
    }

    /**
     * The answer to {@code find_node}.
     *
     * @param nodes  IPv4 nodes
     * @param nodes6 IPv6 nodes
     */
    record Nodes(List<DhtContact> nodes, List<DhtContact> nodes6) implements WithNodes {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.FIND_NODE;
        }
    }

    /**
     * The answer to {@code get_peers}.
     *
     * @param token      the write token, or {@code null}
     * @param values     peers of the torrent
     * @param nodes      IPv4 nodes
     * @param nodes6     IPv6 nodes
     * @param seedsBloom BEP 33 {@code BFsd} (256 bytes), or {@code null}
     * @param peersBloom BEP 33 {@code BFpe} (256 bytes), or {@code null}
     */
    record Peers(byte[] token, List<InetSocketAddress> values, List<DhtContact> nodes, List<DhtContact> nodes6,
                 byte[] seedsBloom, byte[] peersBloom) implements WithNodes {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.GET_PEERS;
        }
    }

    /**
     * The answer to BEP 51 {@code sample_infohashes}.
     *
     * @param interval seconds before asking this node again
     * @param num      how many info-hashes the node stores
     * @param samples  the sampled info-hashes
     * @param nodes    IPv4 nodes
     * @param nodes6   IPv6 nodes
     */
    record Samples(int interval, long num, List<NodeId> samples, List<DhtContact> nodes, List<DhtContact> nodes6)
            implements WithNodes {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.SAMPLE_INFOHASHES;
        }
    }

    /**
     * The answer to BEP 44 {@code get}.
     *
     * @param token     the write token, or {@code null}
     * @param value     the value, or {@code null}
     * @param publicKey the 32-byte key (mutable items), or {@code null}
     * @param seq       the sequence number (mutable items), or -1
     * @param signature the 64-byte signature (mutable items), or {@code null}
     * @param nodes     IPv4 nodes
     * @param nodes6    IPv6 nodes
     */
    record Item(byte[] token, BValue value, byte[] publicKey, long seq, byte[] signature,
                List<DhtContact> nodes, List<DhtContact> nodes6) implements WithNodes {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.GET;
        }
    }
}
