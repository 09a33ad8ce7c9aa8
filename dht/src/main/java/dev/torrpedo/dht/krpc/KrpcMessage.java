package dev.torrpedo.dht.krpc;

/**
 * A KRPC message (BEP 5): a bencoded dictionary with a transaction id {@code t} and a type
 * {@code y} of {@code q} (query), {@code r} (response) or {@code e} (error).
 *
 * <pre>
 * d1:ad2:id20:&lt;sender id&gt;e1:q4:ping1:t2:aa1:y1:qe          a query
 * d1:rd2:id20:&lt;sender id&gt;e1:t2:aa1:y1:re                    its response
 * d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee          an error
 * </pre>
 */
public sealed interface KrpcMessage permits KrpcQuery, KrpcResponse, KrpcError {

    /** The three message types, for an exhaustive {@code switch}. */
    enum Type {
        /** {@link KrpcQuery}. */
        QUERY,
        /** {@link KrpcResponse}. */
        RESPONSE,
        /** {@link KrpcError}. */
        ERROR
    }

    /** @return which type this is */
    Type type();

    /** @return the transaction id, echoed by the answer (not copied: do not change it) */
    byte[] transactionId();
}
