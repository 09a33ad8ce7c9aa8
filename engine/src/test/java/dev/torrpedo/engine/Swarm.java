package dev.torrpedo.engine;

import dev.torrpedo.tracker.server.EmbeddedTracker;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An in-process swarm on loopback: an embedded tracker (HTTP and UDP) and any number of our
 * sessions, each on its own port with its own threads. Closing it closes them all.
 */
final class Swarm implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EmbeddedTracker tracker;
    private final List<Session> sessions = new ArrayList<>();

    Swarm(Path dir) {
        this.dir = dir;
        this.tracker = EmbeddedTracker.builder(group, NioServerSocketChannel::new, NioDatagramChannel::new)
                .interval(Duration.ofSeconds(1)).minInterval(Duration.ofSeconds(1)).build().start(0).join();
    }

    /** @return the embedded tracker */
    EmbeddedTracker tracker() {
        return tracker;
    }

    /** @return its HTTP announce URL */
    String httpTracker() {
        return tracker.httpAnnounceUrl().toString();
    }

    /** @return its UDP announce URL */
    String udpTracker() {
        return tracker.udpAnnounceUrl().toString();
    }

    /**
     * Settings for loopback swarms: local trackers allowed, re-announce every second; no DHT
     * (its default bootstrap nodes are public routers) and no local discovery (its multicast
     * would reach the other tests' sessions), unless a test turns them on.
     */
    static Settings.Builder settings() {
        return Settings.defaults().toBuilder().allowLocalTrackers(true).trackerMinInterval(Duration.ofSeconds(1))
                .encryption(Encryption.PREFER).dht(false).lsd(false);
    }

    /** A session on loopback, saving under {@code dir/name}. */
    Session session(String name, Settings settings) {
        return session(name, settings, StorageMode.FILES);
    }

    /** A session on loopback, saving under {@code dir/name}. */
    Session session(String name, Settings settings, StorageMode mode) {
        Session s = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(dir.resolve(name)).settings(settings).storageMode(mode).networkThreads(1).build();
        sessions.add(s);
        return s;
    }

    /** A session on loopback on an injected clock. */
    Session session(String name, Settings settings, java.time.Clock clock) {
        Session s = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(dir.resolve(name)).settings(settings).clock(clock).networkThreads(1).build();
        sessions.add(s);
        return s;
    }

    /** @return the directory a session saves into */
    Path dir(String name) {
        return dir.resolve(name);
    }

    /** Polls {@code condition} until it holds, failing with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        await(what, timeout, condition, () -> "");
    }

    /** Polls {@code condition} until it holds, failing with {@code what} and {@code detail} after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " " + detail.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Checks {@code condition} through a window of {@code window}, failing with {@code what}
     * the first time it does not hold: for what must not happen while the session's ticks
     * run (each second, by the wall clock, whatever clock the session was given).
     */
    static void holds(String what, Duration window, BooleanSupplier condition) {
        long end = System.nanoTime() + window.toNanos();
        boolean[] broke = {false};
        await("the end of the window (" + what + ")", window.plusSeconds(10), () -> {
            broke[0] = !condition.getAsBoolean();
            return broke[0] || System.nanoTime() - end >= 0;
        });
        if (broke[0]) {
            throw new AssertionError("did not hold: " + what);
        }
    }

    /** Waits for {@code f}, failing after {@code timeout}. */
    static <T> T join(CompletableFuture<T> f, Duration timeout, Supplier<String> detail) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + timeout + ": " + detail.get(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause() + " " + detail.get(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return a one-line picture of every session's torrents, for failure messages */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (Session s : sessions) {
            for (TorrentHandle t : s.torrents()) {
                TorrentStatus st = t.status();
                sb.append("\n  port ").append(s.listenPort()).append(": ").append(st.state()).append(' ')
                        .append(st.piecesDone()).append('/').append(st.pieceCount()).append(" peers=").append(st.peers())
                        .append(" down=").append(st.downloadedBytes()).append(" up=").append(st.uploadedBytes());
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (Session s : sessions) {
            s.close();
        }
        tracker.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
