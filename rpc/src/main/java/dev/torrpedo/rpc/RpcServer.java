package dev.torrpedo.rpc;

import dev.torrpedo.rpc.internal.DefaultRpcServer;
import dev.torrpedo.rpc.internal.ServerConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The JSON-RPC 2.0 bridge: a method table, the notifications the engine pushes, and the
 * clients it serves.
 *
 * <pre>{@code
 * RpcServer server = RpcServer.builder()
 *         .engineVersion("0.1.0")
 *         .method("torrent.pause", TorrentId.class, p -> { session.torrent(p.id()).orElseThrow(...).pause(); return Map.of(); })
 *         .changeFeed(since -> toStatusChanges(session.changesSince(since)))
 *         .onShutdown(session::close)
 *         .build();
 * session.subscribe(e -> server.publish("torrent.completed", Map.of("id", e.torrentId())), executor);
 * server.serveStdio();      // returns once stdin closes or a client called engine.shutdown
 * }</pre>
 *
 * <p>Built in: {@code engine.hello}, {@code engine.shutdown}, {@code events.subscribe},
 * {@code events.unsubscribe}, and with a {@link ChangeFeed} {@code sync.get} and the
 * coalesced {@code torrent.progress} notification. Thread-safe.
 */
public interface RpcServer extends AutoCloseable {

    /** The protocol version {@code engine.hello} reports; raised only on an incompatible change. */
    int PROTOCOL_VERSION = 1;

    /** The event notifications every server declares (more with {@link Builder#events}). */
    List<String> STANDARD_EVENTS = List.of("torrent.added", "torrent.metadataReceived", "torrent.stateChanged",
            "torrent.completed", "torrent.error", "torrent.removed");

    /** A new builder. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Serves one client over newline-delimited JSON: one message per line, UTF-8, on
     * {@code in}; responses and notifications, one per line, on {@code out}, which carries
     * nothing else. Returns once {@code in} ends (then shuts the server down, running the
     * shutdown hook), once the server shuts down (after {@code engine.shutdown}: the
     * response is written first), or once {@code out} fails. Every thread it started has
     * ended when it returns. Neither stream is closed, except that {@code in} may be closed to
     * stop a read in progress.
     *
     * @param in the client's messages
     * @param out the server's messages
     * @throws InterruptedException if the calling thread is interrupted while serving
     */
    void serve(InputStream in, OutputStream out) throws InterruptedException;

    /**
     * {@link #serve} on the process's standard input and output. {@code System.out} is
     * pointed at standard error first, so nothing but protocol messages reaches stdout; the
     * stdin read is interruptible, so {@code engine.shutdown} need not wait for stdin to close.
     *
     * @throws InterruptedException if the calling thread is interrupted while serving
     */
    void serveStdio() throws InterruptedException;

    /**
     * Sends an event notification to every client subscribed to it. Never blocks: the message
     * is queued per client, and dropped for a client that has too many waiting (that client
     * then gets one {@code events.dropped} notification and should call {@code sync.get}).
     *
     * @param event a declared event name ({@link #STANDARD_EVENTS} or one given to
     *     {@link Builder#events})
     * @param params the notification's params: a map of JSON values (see {@link RpcMethod})
     * @throws IllegalArgumentException if the event was not declared, or the params are not JSON
     */
    void publish(String event, Map<String, ?> params);

    /**
     * Begins shutting down, once: new requests are refused with
     * {@link RpcErrorCode#SHUTTING_DOWN}, the shutdown hook runs on its own thread, then the
     * server's threads stop.
     *
     * @return completes when the hook has returned and the threads have stopped; the same
     *     future on every call
     */
    CompletableFuture<Void> shutdown();

    /** The names of every method this server answers, sorted. */
    Set<String> methods();

    /** {@link #shutdown()} and waits for it. */
    @Override
    void close();

    /**
     * Registers methods and settings. A method name is one or more segments of letters, digits and
     * underscores, each starting with a letter, separated by dots ({@code torrent.setFilePriorities});
     * the {@code rpc.} prefix is reserved by JSON-RPC.
     */
    final class Builder {
        private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*");

        private final Map<String, ServerConfig.Method> methods = new LinkedHashMap<>();
        private final Set<String> events = new LinkedHashSet<>(STANDARD_EVENTS);
        private final List<String> capabilities = new ArrayList<>();
        private String engineVersion = "unknown";
        private ChangeFeed feed;
        private Runnable onShutdown = () -> { };
        private RpcLimits limits = RpcLimits.defaults();

        private Builder() {
        }

        /**
         * Registers a method that returns at once (it may return a stage that completes
         * later). It runs on the connection's reader thread, in arrival order, so it must not
         * block; calls of one client reach it in the order they were sent.
         *
         * @param name the method name
         * @param params the record its params bind to (see {@code ParamBinder} rules in the
         *     README), or {@code Void.class} for none
         * @param handler the handler
         * @param <P> the params type
         * @return this
         * @throws IllegalArgumentException if the name is taken or malformed, or the record has
         *     a component type that cannot be bound
         */
        public <P> Builder method(String name, Class<P> params, RpcMethod<P> handler) {
            return add(name, params, handler, false);
        }

        /**
         * Registers a method that may block (reads files, hashes): it runs on the server's
         * worker pool, concurrently with other calls, so its response may overtake responses
         * to earlier calls.
         *
         * @param name the method name
         * @param params the record its params bind to, or {@code Void.class}
         * @param handler the handler
         * @param <P> the params type
         * @return this
         * @throws IllegalArgumentException as for {@link #method}
         */
        public <P> Builder blockingMethod(String name, Class<P> params, RpcMethod<P> handler) {
            return add(name, params, handler, true);
        }

        private <P> Builder add(String name, Class<P> params, RpcMethod<P> handler, boolean blocking) {
            Objects.requireNonNull(params, "params");
            Objects.requireNonNull(handler, "handler");
            checkName(name);
            if (methods.containsKey(name) || DefaultRpcServer.BUILT_IN.contains(name)) {
                throw new IllegalArgumentException("method already registered: " + name);
            }
            methods.put(name, new ServerConfig.Method(name, params, handler, blocking));
            return this;
        }

        /**
         * Declares event notifications beyond {@link #STANDARD_EVENTS}, e.g.
         * {@code "torrent.trackerError"}, so clients can subscribe to them.
         *
         * @param names event names
         * @return this
         */
        public Builder events(String... names) {
            for (String n : names) {
                checkName(n);
                if (n.equals("torrent.progress") || n.equals("events.dropped")) {
                    throw new IllegalArgumentException("reserved notification: " + n);
                }
                events.add(n);
            }
            return this;
        }

        /**
         * The engine's version, as {@code engine.hello} reports it.
         *
         * @param version e.g. {@code "0.1.0"}
         * @return this
         */
        public Builder engineVersion(String version) {
            engineVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * Features {@code engine.hello} lists beside the bridge's own ({@code batch},
         * {@code events}, and with a feed {@code progress}, {@code sync}).
         *
         * @param names e.g. {@code "magnet"}, {@code "v2"}
         * @return this
         */
        public Builder capabilities(String... names) {
            for (String n : names) {
                capabilities.add(Objects.requireNonNull(n, "capability"));
            }
            return this;
        }

        /**
         * Where {@code sync.get} and {@code torrent.progress} read the session state.
         *
         * @param changeFeed the engine's change log as maps
         * @return this
         */
        public Builder changeFeed(ChangeFeed changeFeed) {
            feed = Objects.requireNonNull(changeFeed, "changeFeed");
            return this;
        }

        /**
         * What shutting down does: close the session (save resume data, announce stopped).
         * Runs once, on its own thread, before the response to {@code engine.shutdown}.
         *
         * @param hook e.g. {@code session::close}
         * @return this
         */
        public Builder onShutdown(Runnable hook) {
            onShutdown = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * The limits each client is held to.
         *
         * @param rpcLimits limits, default {@link RpcLimits#defaults()}
         * @return this
         */
        public Builder limits(RpcLimits rpcLimits) {
            limits = Objects.requireNonNull(rpcLimits, "limits");
            return this;
        }

        /**
         * The server. It starts no thread until a client is served or progress is subscribed.
         *
         * @return a new server
         */
        public RpcServer build() {
            return new DefaultRpcServer(new ServerConfig(engineVersion, List.copyOf(capabilities),
                    List.copyOf(methods.values()), List.copyOf(events), feed, onShutdown, limits));
        }

        private static void checkName(String name) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches() || name.startsWith("rpc.")) {
                throw new IllegalArgumentException("method name: \"" + name
                        + "\" (expected: dot-separated segments of letters, digits and _, not rpc.*)");
            }
        }
    }
}
