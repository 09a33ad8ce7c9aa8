package dev.torrpedo.cli;

import dev.torrpedo.engine.Encryption;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.server.EmbeddedTracker;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo's swarm on loopback: the tracker module's embedded tracker (on one event loop of
 * its own) and the sessions, each on a free port of 127.0.0.1 with its own threads. Nothing
 * leaves the machine. Closing it closes the sessions, then the tracker and its loop.
 */
final class DemoSwarm implements AutoCloseable {
    /** How often the tracker asks to be announced to: soon enough that the peers meet at once. */
    static final Duration ANNOUNCE_INTERVAL = Duration.ofSeconds(1);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EmbeddedTracker tracker;
    private final List<Session> sessions = new ArrayList<>();

    DemoSwarm() {
        EmbeddedTracker t;
        try {
            t = EmbeddedTracker.builder(group, NioServerSocketChannel::new, NioDatagramChannel::new)
                    .host(InetAddress.getLoopbackAddress()).interval(ANNOUNCE_INTERVAL).minInterval(ANNOUNCE_INTERVAL)
                    .build().start(0).join();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            throw e;
        }
        this.tracker = t;
    }

    /** @return the tracker's HTTP announce URL */
    URI announceUrl() {
        return tracker.httpAnnounceUrl();
    }

    /** @return how many peers the tracker knows for {@code infoHash} */
    int registered(InfoHash infoHash) {
        return tracker.peers(infoHash).size();
    }

    /** The settings of every demo session: our tracker on loopback allowed, announced to every second. */
    static Settings settings() {
        return Settings.defaults().toBuilder().allowLocalTrackers(true).trackerMinInterval(ANNOUNCE_INTERVAL)
                .encryption(Encryption.PLAINTEXT).build();
    }

    /**
     * Starts a session on a free port of 127.0.0.1.
     *
     * @param dir     where it saves (and finds) data
     * @param resume  where it keeps its resume data
     * @param threads its network threads
     */
    Session session(Path dir, Path resume, int threads) {
        Session s = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0).downloadDir(dir)
                .resumeDir(resume).settings(settings()).networkThreads(threads).build();
        sessions.add(s);
        return s;
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
