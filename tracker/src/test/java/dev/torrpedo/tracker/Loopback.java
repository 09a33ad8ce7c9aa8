package dev.torrpedo.tracker;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import dev.torrpedo.tracker.server.EmbeddedTracker;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Test helpers: an event loop group on loopback, clients and trackers on it, and awaiting outcomes. */
public final class Loopback implements AutoCloseable {
    /** The settings the tests use: local trackers allowed, short timeouts, no interval floor. */
    public static final TrackerSettings SETTINGS = TrackerSettings.defaults().toBuilder()
            .allowLocalTrackers(true)
            .minAnnounceInterval(Duration.ZERO)
            .requestTimeout(Duration.ofSeconds(5))
            .udpRetransmitBase(Duration.ofMillis(100))
            .udpMaxRetransmits(3)
            .build();

    public final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());

    public HttpTrackerClient http(TrackerSettings settings) {
        return HttpTrackerClient.builder(group, NioSocketChannel::new).settings(settings).build();
    }

    public UdpTrackerClient udp(TrackerSettings settings, java.time.InstantSource clock) {
        return UdpTrackerClient.builder().settings(settings).clock(clock).random(new SplittableRandom(7))
                .open(group, NioDatagramChannel::new, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .join();
    }

    public EmbeddedTracker.Builder tracker() {
        return EmbeddedTracker.builder(group, NioServerSocketChannel::new, NioDatagramChannel::new)
                .interval(Duration.ofSeconds(60)).minInterval(Duration.ofSeconds(30)).random(new SplittableRandom(3));
    }

    /** A TCP port on which nothing listens (just closed). */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static InfoHash hash(int seed) {
        byte[] b = new byte[20];
        Arrays.fill(b, (byte) seed);
        b[0] = '%'; // a byte that must be escaped in a URL
        b[1] = '&';
        return InfoHash.v1(b);
    }

    public static PeerId peer(int seed) {
        return PeerId.generate(new SplittableRandom(seed));
    }

    public static AnnounceRequest request(InfoHash h, PeerId p, int port, long left) {
        return AnnounceRequest.builder(h, p, port).left(left).event(AnnounceEvent.STARTED).numWant(50).key(42).build();
    }

    /** @return the value, failing the test after 10 s */
    public static <T> T await(Future<T> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no outcome within 10 s", e);
        }
    }

    /** @return the TrackerException the future failed with, failing the test otherwise */
    public static TrackerException awaitFailure(Future<?> f) {
        try {
            Object v = f.get(20, TimeUnit.SECONDS);
            throw new AssertionError("expected a tracker error, got " + v);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TrackerException te) {
                return te;
            }
            throw new AssertionError("failed with something else than a TrackerException", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no outcome within 20 s", e);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
