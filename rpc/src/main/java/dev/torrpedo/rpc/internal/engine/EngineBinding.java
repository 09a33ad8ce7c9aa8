package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.engine.Changes;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Subscription;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.rpc.RpcServer;
import dev.torrpedo.rpc.StatusChanges;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds a {@link Session} to a server: the engine's methods, its events as notifications, its
 * change log as the feed of {@code sync.get} and {@code torrent.progress}, and a shutdown that
 * closes the session. Public only so that {@link dev.torrpedo.rpc.SessionRpc} can call it;
 * this package is not exported.
 */
public final class EngineBinding {
    private static final Logger LOG = LoggerFactory.getLogger(EngineBinding.class);
    /** Features {@code engine.hello} lists beside the bridge's own. */
    static final String[] CAPABILITIES = {"sequential", "magnet", "v2"};

    private EngineBinding() {
    }

    /**
     * Registers the engine's methods on {@code builder}, builds the server and subscribes it
     * to the session's events, delivered on one thread of the binding's own (stopped, with the
     * session closed, when the server shuts down).
     *
     * @param session the session
     * @param downloadDir the default save path and the base of relative paths
     * @param allowedRoots where client paths may point
     * @param builder a builder with the bridge's settings
     * @return the server
     */
    public static RpcServer bind(Session session, Path downloadDir, List<Path> allowedRoots, RpcServer.Builder builder) {
        AllowedRoots roots = new AllowedRoots(downloadDir, allowedRoots);
        new SessionMethods(session, roots).register(builder);
        new TorrentMethods(session, roots).register(builder);
        ExecutorService events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "torrpedo-rpc-events");
            t.setDaemon(true);
            return t;
        });
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        RpcServer server = builder
                .capabilities(CAPABILITIES)
                .events(EventBridge.EXTRA_EVENTS.toArray(new String[0]))
                .changeFeed(since -> changes(session, since))
                .onShutdown(() -> shutdown(session, subscription, events))
                .build();
        subscription.set(session.subscribe(new EventBridge(server), events));
        return server;
    }

    /** The engine's changes after {@code since}, each status as a Status object. */
    static StatusChanges changes(Session session, long since) {
        Changes c = session.changesSince(since);
        List<Map<String, Object>> changed = new ArrayList<>(c.changed().size());
        for (TorrentStatus s : c.changed()) {
            changed.add(Shapes.status(s));
        }
        // for 0 the engine lists every torrent, whatever its removal history says
        return new StatusChanges(c.revision(), changed, c.removed(), Shapes.stats(c.stats()), since == 0 || c.complete());
    }

    private static void shutdown(Session session, AtomicReference<Subscription> subscription, ExecutorService events) {
        try {
            // saves resume data and tells the trackers "stopped"
            session.close();
        } finally {
            Subscription s = subscription.get();
            if (s != null) {
                s.close();
            }
            events.shutdown();
            try {
                if (!events.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("the event thread did not stop within 10 s");
                    events.shutdownNow();
                }
            } catch (InterruptedException e) {
                events.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
