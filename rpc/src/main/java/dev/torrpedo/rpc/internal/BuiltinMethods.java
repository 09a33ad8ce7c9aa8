package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import dev.torrpedo.rpc.RpcServer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The methods the bridge answers itself: {@code engine.hello}, {@code engine.shutdown},
 * {@code events.subscribe}, {@code events.unsubscribe} and {@code sync.get}.
 */
final class BuiltinMethods {
    private static final Logger LOG = LoggerFactory.getLogger(BuiltinMethods.class);
    static final long DEFAULT_PROGRESS_INTERVAL_MS = 1000;
    static final long MIN_PROGRESS_INTERVAL_MS = 100;
    static final long MAX_PROGRESS_INTERVAL_MS = 3_600_000;

    /** {@code engine.hello} params. */
    record HelloParams(String client, Integer protocolVersion) {
    }

    /** {@code engine.hello} result. */
    record HelloResult(int protocolVersion, String engineVersion, List<String> capabilities, List<String> methods,
                       List<String> events) {
    }

    /** {@code events.subscribe} params. */
    record SubscribeParams(List<String> events, Long progressIntervalMs, List<String> fields) {
    }

    /** {@code events.unsubscribe} params. */
    record UnsubscribeParams(List<String> events) {
    }

    /** {@code events.subscribe} and {@code events.unsubscribe} result. */
    record SubscriptionResult(List<String> events, long progressIntervalMs, List<String> fields, Long revision) {
    }

    /** {@code sync.get} params. */
    record SyncParams(long sinceRevision) {
    }

    private final DefaultRpcServer server;
    private final ProgressScheduler scheduler;
    private final Set<String> events;

    BuiltinMethods(DefaultRpcServer server, ProgressScheduler scheduler, List<String> declaredEvents) {
        this.server = server;
        this.scheduler = scheduler;
        this.events = new LinkedHashSet<>(declaredEvents);
    }

    /** The rows for the method table. */
    List<MethodEntry> entries() {
        List<MethodEntry> m = new ArrayList<>();
        m.add(entry("engine.hello", HelloParams.class, (p, c) -> hello((HelloParams) p, c)));
        m.add(entry("engine.shutdown", Void.class, (p, c) -> server.shutdown().thenApply(v -> Map.of())));
        m.add(entry("events.subscribe", SubscribeParams.class, (p, c) -> subscribe((SubscribeParams) p, c)));
        m.add(entry("events.unsubscribe", UnsubscribeParams.class, (p, c) -> unsubscribe((UnsubscribeParams) p, c)));
        if (scheduler.hasFeed()) {
            m.add(entry("sync.get", SyncParams.class, (p, c) -> sync((SyncParams) p)));
        }
        return m;
    }

    /** Every notification a client can subscribe to. */
    List<String> subscribable() {
        List<String> all = new ArrayList<>(events);
        if (scheduler.hasFeed()) {
            all.add(ProgressScheduler.PROGRESS_METHOD);
        }
        return all;
    }

    private static MethodEntry entry(String name, Class<?> params, Handler h) {
        return new MethodEntry(name, ParamBinder.of(params), h, false);
    }

    private HelloResult hello(HelloParams p, Client c) {
        if (p != null && p.client() != null) {
            LOG.info("client {} is {} (protocol {})", c.id(), p.client(), p.protocolVersion());
        }
        return new HelloResult(RpcServer.PROTOCOL_VERSION, server.config().engineVersion(), server.capabilities(),
                List.copyOf(server.methods()), subscribable());
    }

    private Object subscribe(SubscribeParams p, Client c) {
        Subscription cur = c.subscription();
        List<String> names = p.events() == null ? new ArrayList<>(events) : checked(p.events());
        boolean progress = names.remove(ProgressScheduler.PROGRESS_METHOD) || p.progressIntervalMs() != null;
        if (progress && !scheduler.hasFeed()) {
            throw RpcException.invalidParams(ProgressScheduler.PROGRESS_METHOD
                    + " is not available: this engine has no change feed (see engine.hello capabilities)");
        }
        long interval = cur.progressIntervalMs();
        List<String> fields = cur.fields();
        if (progress) {
            interval = p.progressIntervalMs() != null ? p.progressIntervalMs()
                    : cur.progress() ? cur.progressIntervalMs() : DEFAULT_PROGRESS_INTERVAL_MS;
            if (interval < MIN_PROGRESS_INTERVAL_MS || interval > MAX_PROGRESS_INTERVAL_MS) {
                throw RpcException.invalidParams("'progressIntervalMs' must be in " + MIN_PROGRESS_INTERVAL_MS + ".."
                        + MAX_PROGRESS_INTERVAL_MS + ", got " + interval);
            }
            fields = p.fields() != null ? p.fields() : cur.fields();
        } else if (p.fields() != null) {
            throw RpcException.invalidParams("'fields' applies to torrent.progress only");
        }
        Set<String> all = new TreeSet<>(cur.events());
        all.addAll(names);
        Subscription next = new Subscription(all, interval, fields);
        c.subscription(next);
        if (!progress) {
            return result(next, null);
        }
        return scheduler.subscribe(c, interval, fields).thenApply(revision -> result(next, revision));
    }

    private Object unsubscribe(UnsubscribeParams p, Client c) {
        Subscription cur = c.subscription();
        Subscription next;
        boolean stopProgress;
        if (p.events() == null) {
            next = Subscription.NONE;
            stopProgress = cur.progress();
        } else {
            List<String> names = checked(p.events());
            stopProgress = names.remove(ProgressScheduler.PROGRESS_METHOD) && cur.progress();
            Set<String> left = new TreeSet<>(cur.events());
            left.removeAll(names);
            next = stopProgress ? new Subscription(left, 0, null)
                    : new Subscription(left, cur.progressIntervalMs(), cur.fields());
        }
        c.subscription(next);
        if (!stopProgress) {
            return result(next, null);
        }
        return scheduler.unsubscribe(c).thenApply(v -> result(next, null));
    }

    private CompletableFuture<Map<String, Object>> sync(SyncParams p) {
        if (p.sinceRevision() < 0) {
            throw RpcException.invalidParams("'sinceRevision' must be >= 0, got " + p.sinceRevision());
        }
        return scheduler.sync(p.sinceRevision());
    }

    private List<String> checked(List<String> names) {
        List<String> known = subscribable();
        List<String> unknown = new ArrayList<>();
        for (String n : names) {
            if (!known.contains(n) && unknown.size() < 10) {
                unknown.add(n.length() > 60 ? n.substring(0, 60) + "..." : n);
            }
        }
        if (!unknown.isEmpty()) {
            throw new RpcException(RpcErrorCode.INVALID_PARAMS,
                    "Invalid params: unknown event " + unknown + " (expected: any of " + known + ")",
                    Map.of("param", "events", "unknown", unknown));
        }
        return new ArrayList<>(new LinkedHashSet<>(names));
    }

    private static SubscriptionResult result(Subscription s, Long revision) {
        List<String> names = new ArrayList<>(new TreeSet<>(s.events()));
        if (s.progress()) {
            names.add(ProgressScheduler.PROGRESS_METHOD);
        }
        return new SubscriptionResult(names, s.progressIntervalMs(), s.fields(), revision);
    }
}
