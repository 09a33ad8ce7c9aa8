package dev.torrpedo.dht.krpc;

import dev.torrpedo.dht.NodeId;
import java.net.InetSocketAddress;

/**
 * A response: {@code y=r}, the answer in {@code r}.
 *
 * @param transactionId the transaction id {@code t} of the query answered
 * @param sender        the responder's node id ({@code r.id})
 * @param yourAddress   BEP 42 top-level {@code ip}: our address as the responder saw it, or {@code null}
 * @param body          the method-specific answer
 */
public record KrpcResponse(byte[] transactionId, NodeId sender, InetSocketAddress yourAddress, ResponseBody body)
        implements KrpcMessage {

    @Override
    public Type type() {
        return Type.RESPONSE;
    }
}
