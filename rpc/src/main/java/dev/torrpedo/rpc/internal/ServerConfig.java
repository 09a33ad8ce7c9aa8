package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.ChangeFeed;
import dev.torrpedo.rpc.RpcLimits;
import dev.torrpedo.rpc.RpcMethod;
import java.util.List;

/**
 * What {@link dev.torrpedo.rpc.RpcServer.Builder} collected. Public only so the API package
 * can hand it over; this package is not exported.
 *
 * @param engineVersion reported by {@code engine.hello}
 * @param capabilities the engine's capabilities
 * @param methods the engine's methods
 * @param events the declared event notifications
 * @param feed the change feed, or null
 * @param onShutdown the shutdown hook
 * @param limits per-client limits
 */
public record ServerConfig(String engineVersion, List<String> capabilities, List<Method> methods,
                           List<String> events, ChangeFeed feed, Runnable onShutdown, RpcLimits limits) {

    /**
     * One registered method.
     *
     * @param name its name
     * @param params its params record type, or Void
     * @param handler its handler
     * @param blocking whether it runs on the worker pool
     */
    public record Method(String name, Class<?> params, RpcMethod<?> handler, boolean blocking) {
    }
}
