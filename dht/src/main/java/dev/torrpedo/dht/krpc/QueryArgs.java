package dev.torrpedo.dht.krpc;

import dev.torrpedo.bencode.BValue;
import dev.torrpedo.dht.NodeId;

/** The method-specific arguments of a query ({@code a} minus {@code id}). */
public sealed interface QueryArgs {

    /** @return the method these arguments belong to */
    KrpcMethod method();

    /** BEP 5 {@code ping}: no arguments. */
    record Ping() implements QueryArgs {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.PING;
        }
    }

    /**
     * BEP 5 {@code find_node}.
     *
     * @param target the id looked for
     * @param want   BEP 32 families wanted
     */
    record FindNode(NodeId target, Want want) implements QueryArgs {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.FIND_NODE;
        }
    }

    /**
     * BEP 5 {@code get_peers}, with BEP 33's {@code noseed} and {@code scrape}.
     *
     * @param infoHash the torrent
     * @param want     BEP 32 families wanted
     * @param noSeed   prefer non-seeds in {@code values}
     * @param scrape   ask for the BEP 33 bloom filters
     */
    record GetPeers(NodeId infoHash, Want want, boolean noSeed, boolean scrape) implements QueryArgs {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.GET_PEERS;
        }
    }

    /**
     * BEP 5 {@code announce_peer}, with BEP 33's {@code seed}.
     *
     * @param infoHash    the torrent
     * @param port        the announced port (ignored when {@code impliedPort})
     * @param impliedPort use the UDP source port instead of {@code port}
     * @param token       the write token from an earlier {@code get_peers}
     * @param seed        the announcer is a seed
     */
    record AnnouncePeer(NodeId infoHash, int port, boolean impliedPort, byte[] token, boolean seed) implements QueryArgs {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.ANNOUNCE_PEER;
        }
    }

    /**
     * BEP 51 {@code sample_infohashes}.
     *
     * @param target the id whose closest nodes come back with the samples
     * @param want   BEP 32 families wanted
     */
    record SampleInfohashes(NodeId target, Want want) implements QueryArgs {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.SAMPLE_INFOHASHES;
        }
    }

    /**
     * BEP 44 {@code get}.
     *
     * @param target the item's target (SHA-1 of the value, or of key and salt)
     * @param seq    only send a mutable value newer than this, or -1
     * @param want   BEP 32 families wanted
     */
    record GetItem(NodeId target, long seq, Want want) implements QueryArgs {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.GET;
        }
    }

    /**
     * BEP 44 {@code put} of an immutable item ({@code publicKey == null}) or a mutable one.
     *
     * @param token     the write token from an earlier {@code get}
     * @param value     the value {@code v}; its {@link BValue#raw()} bytes are what was hashed or signed
     * @param publicKey the 32-byte ed25519 key {@code k}, or {@code null} for an immutable item
     * @param salt      the salt (empty for none)
     * @param seq       the sequence number (mutable only)
     * @param signature the 64-byte signature (mutable only)
     * @param cas       the expected current sequence number, or -1 for none
     */
    record PutItem(byte[] token, BValue value, byte[] publicKey, byte[] salt, long seq, byte[] signature, long cas)
            implements QueryArgs {
        @Override
        public KrpcMethod method() {
            return KrpcMethod.PUT;
        }

        /** @return whether this is a mutable item */
        public boolean mutable() {
            return publicKey != null;
        }
    }
}
