/**
 * The JSON-RPC 2.0 bridge between the engine and any frontend.
 *
 * <p>{@link dev.torrpedo.rpc.RpcServer} holds the method table, pushes notifications and
 * serves clients; {@link dev.torrpedo.rpc.RpcServer#serve} is the newline-delimited stdio
 * transport:
 *
 * <pre>
 *   frontend --- one JSON text per line, UTF-8 ---&gt; stdin  --&gt; line reader (1 MiB limit)
 *                                                             --&gt; parser (depth 64) --&gt; dispatcher
 *   frontend &lt;-- responses, notifications --------- stdout &lt;-- writer &lt;-- outbound queue
 *                                                              (responses never dropped,
 *                                                               progress coalesced,
 *                                                               other notifications bounded)
 * </pre>
 *
 * <p>{@link dev.torrpedo.rpc.SessionRpc} binds every engine method to a
 * {@link dev.torrpedo.engine.Session}; that server is what {@code torrpedo rpc} serves.
 *
 * <p>Method handlers are registered on {@link dev.torrpedo.rpc.RpcServer.Builder} with a
 * record type for their parameters; errors are {@link dev.torrpedo.rpc.RpcException}s
 * carrying an {@link dev.torrpedo.rpc.RpcErrorCode}. The contract for frontends, every
 * method with its parameters, result and errors, is {@code rpc/README.md}.
 */
package dev.torrpedo.rpc;
