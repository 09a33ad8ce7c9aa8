package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.RpcLimits;
import dev.torrpedo.rpc.RpcMethod;
import dev.torrpedo.rpc.RpcServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link RpcServer}: the method table, the connected clients, shutdown. */
public final class DefaultRpcServer implements RpcServer {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultRpcServer.class);

    /** The methods the bridge answers itself; no builder may register these names. */
    public static final Set<String> BUILT_IN = Set.of("engine.hello", "engine.shutdown", "events.subscribe",
            "events.unsubscribe", "sync.get");

    private static final int WORKERS = 2;

    private final ServerConfig config;
    private final Messages messages = new Messages(new JsonWriter());
    private final ProgressScheduler scheduler;
    private final ThreadPoolExecutor workers;
    private final Dispatcher dispatcher;
    private final Set<String> methodNames;
    private final Set<String> events;
    private final List<String> capabilities;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final CompletableFuture<Void> stopping = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private volatile Thread shutdownThread;

    /**
     * Builds the method table; starts no thread.
     *
     * @param config what the builder collected
     */
    public DefaultRpcServer(ServerConfig config) {
        this.config = config;
        this.scheduler = new ProgressScheduler(config.feed());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "torrpedo-rpc-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        this.events = Set.copyOf(config.events());
        BuiltinMethods builtins = new BuiltinMethods(this, scheduler, config.events());
        Map<String, MethodEntry> table = new LinkedHashMap<>();
        for (MethodEntry e : builtins.entries()) {
            table.put(e.name(), e);
        }
        for (ServerConfig.Method m : config.methods()) {
            table.put(m.name(), new MethodEntry(m.name(), ParamBinder.of(m.params()), adapt(m.handler()), m.blocking()));
        }
        this.methodNames = Collections.unmodifiableSet(new TreeSet<>(table.keySet()));
        List<String> caps = new ArrayList<>(List.of("batch", "events"));
        if (scheduler.hasFeed()) {
            caps.add("progress");
            caps.add("sync");
        }
        for (String c : config.capabilities()) {
            if (!caps.contains(c)) {
                caps.add(c);
            }
        }
        this.capabilities = List.copyOf(caps);
        this.dispatcher = new Dispatcher(table, messages, config.limits(), workers, stopRequested::get);
    }

    @SuppressWarnings("unchecked")
    private static Handler adapt(RpcMethod<?> method) {
        RpcMethod<Object> m = (RpcMethod<Object>) method;
        return (params, client) -> m.call(params);
    }

    ServerConfig config() {
        return config;
    }

    RpcLimits limits() {
        return config.limits();
    }

    List<String> capabilities() {
        return capabilities;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    ProgressScheduler scheduler() {
        return scheduler;
    }

    /** A new client. */
    Connection connect() {
        Connection c = new Connection(dispatcher, config.limits().maxInFlight(), config.limits().maxQueuedNotifications());
        connections.add(c);
        return c;
    }

    /** A client is gone. */
    void disconnect(Connection c) {
        connections.remove(c);
        if (c.subscription().progress()) {
            scheduler.unsubscribe(c);
        }
    }

    /** The clients connected now. */
    Set<Connection> connections() {
        return Collections.unmodifiableSet(connections);
    }

    /** Completes when shutting down begins. */
    CompletableFuture<Void> stopping() {
        return stopping;
    }

    @Override
    public Set<String> methods() {
        return methodNames;
    }

    @Override
    public void serve(InputStream in, OutputStream out) throws InterruptedException {
        if (stopRequested.get()) {
            throw new IllegalStateException("the server is shut down");
        }
        new StdioTransport(this, connect(), in, out).run();
    }

    @Override
    @SuppressWarnings("resource")
    public void serveStdio() throws InterruptedException {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        // a FileChannel read is interruptible, so engine.shutdown need not wait for stdin to close
        InputStream stdin = Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel());
        serve(stdin, stdout);
    }

    @Override
    public void publish(String event, Map<String, ?> params) {
        if (!events.contains(event)) {
            throw new IllegalArgumentException("event not declared: " + event + " (declared: " + new TreeSet<>(events)
                    + ")");
        }
        byte[] bytes = null;
        for (Connection c : connections) {
            if (c.subscription().events().contains(event)) {
                if (bytes == null) {
                    bytes = messages.notification(event, params);
                }
                c.outbound().offerNotification(bytes);
            }
        }
    }

    @Override
    public CompletableFuture<Void> shutdown() {
        if (stopRequested.compareAndSet(false, true)) {
            stopping.complete(null);
            Thread t = new Thread(this::runShutdown, "torrpedo-rpc-shutdown");
            shutdownThread = t;
            t.start();
        }
        return terminated.copy();
    }

    private void runShutdown() {
        try {
            config.onShutdown().run();
        } catch (Throwable e) {
            LOG.error("the shutdown hook failed", e);
        } finally {
            scheduler.close();
            workers.shutdown();
            try {
                if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("worker threads did not stop within 10 s");
                    workers.shutdownNow();
                }
            } catch (InterruptedException e) {
                workers.shutdownNow();
            }
            terminated.complete(null);
        }
    }

    @Override
    public void close() {
        shutdown().join();
        Thread t = shutdownThread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
