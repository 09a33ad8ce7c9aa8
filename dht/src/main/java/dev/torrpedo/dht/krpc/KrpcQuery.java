package dev.torrpedo.dht.krpc;

import dev.torrpedo.dht.NodeId;

/**
 * A query: {@code y=q}, the method in {@code q}, the arguments in {@code a}.
 *
 * @param transactionId the transaction id {@code t}
 * @param sender        the sender's node id ({@code a.id})
 * @param readOnly      BEP 43 {@code ro=1}: the sender answers no queries
 * @param args          the method and its arguments
 */
public record KrpcQuery(byte[] transactionId, NodeId sender, boolean readOnly, QueryArgs args) implements KrpcMessage {

    @Override
    public Type type() {
        return Type.QUERY;
    }

    /** @return the method */
    public KrpcMethod method() {
        return args.method();
    }
}
