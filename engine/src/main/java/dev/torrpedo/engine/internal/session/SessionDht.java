package dev.torrpedo.engine.internal.session;

import dev.torrpedo.dht.DhtNode;
import dev.torrpedo.dht.DhtSettings;
import dev.torrpedo.dht.DhtState;
import dev.torrpedo.dht.PeerLookup;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.metainfo.InfoHash;
import io.netty.channel.socket.DatagramChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's DHT node (BEP 5) on the session's one UDP socket: the demultiplexer offers it
 * every datagram first, torrents look up and announce through it, peers' {@code PORT}
 * messages add nodes to it, and its routing table is saved in the resume directory
 * ({@value #STATE_FILE}) when it stops and read back when it starts, so the next run needs
 * no bootstrap router.
 *
 * <p>Bootstrap nodes come from {@link Settings#dhtBootstrap()}. When every one of them is a
 * literal loopback, private or link-local address, the user is running a DHT of their own,
 * so the node drops the restrictions that keep a public DHT off such addresses (one node per
 * IP, the dark-internet filter, the per-IP rate limit, the upload cap), as libtorrent's
 * settings for a private DHT do.
 *
 * <p>Thread-safe: the node runs on the socket's event loop and answers on the session's
 * callback executor.
 */
public final class SessionDht {
    /** The file in the resume directory that keeps the routing table. */
    public static final String STATE_FILE = "dht.state";
    private static final Logger LOG = LoggerFactory.getLogger(SessionDht.class);
    private static final Duration SAVE_DEADLINE = Duration.ofSeconds(2);

    private final DhtNode node;
    private final UdpDemux demux;
    private final UdpDemux.Sink sink;
    private final Path stateFile;
    private final CompletableFuture<Void> started;

    private SessionDht(DhtNode node, UdpDemux demux, Path stateFile) {
        this.node = node;
        this.demux = demux;
        this.sink = node::offer;
        this.stateFile = stateFile;
        demux.addFirst(sink);
        this.started = node.start();
        started.whenComplete((v, e) -> {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof dev.torrpedo.dht.DhtException d && d.reason() == dev.torrpedo.dht.DhtException.Reason.CLOSED) {
                LOG.debug("the session closed before the DHT bootstrapped");
            } else if (e != null) {
                LOG.warn("the DHT did not start: {}", e.toString());
            } else {
                LOG.debug("DHT bootstrapped: {} nodes", node.nodeCount());
            }
        });
    }

    /**
     * Starts a node on {@code udp} (registered and bound), with the saved routing table if
     * there is one.
     */
    static SessionDht start(SessionImpl session, DatagramChannel udp, UdpDemux demux, Settings settings, Path resumeDir) {
        Path file = resumeDir.resolve(STATE_FILE);
        DhtState saved = null;
        try {
            if (Files.isRegularFile(file)) {
                saved = DhtState.decode(Files.readAllBytes(file)).orElse(null);
            }
        } catch (IOException e) {
            LOG.debug("reading {} failed: {}", file, e.toString());
        }
        DhtNode node = DhtNode.builder().settings(dhtSettings(settings.dhtBootstrap())).channel(udp)
                .clock(session.clock().clock()).callbackExecutor(session.callbackExecutor()).state(saved).build();
        return new SessionDht(node, demux, file);
    }

    /** @return the node's settings for these bootstrap nodes (see the class comment for private DHTs) */
    static DhtSettings dhtSettings(List<InetSocketAddress> bootstrap) {
        DhtSettings.Builder b = DhtSettings.builder().bootstrapNodes(bootstrap);
        if (!bootstrap.isEmpty() && bootstrap.stream().allMatch(SessionDht::isLocalLiteral)) {
            b.forLoopback().uploadRateLimit(0);
        }
        return b.build();
    }

    private static boolean isLocalLiteral(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        return !a.isUnresolved() && ip != null
                && (ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress());
    }

    /** @return whether the first bootstrap is over (lookups before it would find nothing) */
    public boolean isReady() {
        return started.isDone() && !started.isCompletedExceptionally();
    }

    /** @return nodes in the routing table */
    public int nodeCount() {
        return node.nodeCount();
    }

    /** @return the node (for tests) */
    public DhtNode node() {
        return node;
    }

    /**
     * Looks up the peers of {@code infoHash} and announces us to the closest nodes.
     *
     * @return completes on the session's callback executor with the peers found
     */
    public CompletableFuture<PeerLookup> announce(InfoHash infoHash, int port, boolean seed) {
        return node.announce(infoHash, port, seed);
    }

    /** A peer told us of its DHT node ({@code PORT} message): ping it, keep it if it answers. */
    public void addNode(InetSocketAddress address) {
        node.addNode(address);
    }

    /** Saves the routing table (waiting briefly for it) and stops the node; the socket stays open. */
    void close() {
        demux.remove(sink);
        try {
            Optional<DhtState> state = Optional.ofNullable(node.state().get(SAVE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            if (state.isPresent() && !state.get().nodes().isEmpty()) {
                save(state.get().encode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("the DHT state was not saved: {}", e.toString());
        }
        node.close();
    }

    private void save(byte[] bytes) {
        try {
            Files.createDirectories(stateFile.getParent());
            Path tmp = stateFile.resolveSibling(STATE_FILE + ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("saving the DHT state to {} failed: {}", stateFile, e.toString());
        }
    }
}
