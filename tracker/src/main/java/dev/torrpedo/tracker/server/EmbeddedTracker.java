package dev.torrpedo.tracker.server;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.tracker.ScrapeStats;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * A small BitTorrent tracker for tests and the demo: HTTP (BEP 3, compact BEP 23 and
 * {@code peers6} BEP 7, scrape BEP 48) and UDP (BEP 15) on the same port number, over an
 * in-memory swarm registry. Peers that stop re-announcing expire; memory is bounded by
 * {@link Builder#maxTorrents} and {@link Builder#maxPeersPerTorrent}. Everything runs on one
 * event loop of the caller's group; no thread is started.
 *
 * <pre>{@code
 * try (EmbeddedTracker tracker = EmbeddedTracker.builder(group, NioServerSocketChannel::new,
 *         NioDatagramChannel::new).build().start(0).join()) {
 *     URI http = tracker.httpAnnounceUrl();   // http://127.0.0.1:PORT/announce
 *     URI udp = tracker.udpAnnounceUrl();     // udp://127.0.0.1:PORT/announce
 * }
 * }</pre>
 */
public interface EmbeddedTracker extends AutoCloseable {

    /**
     * @param group      the event loops; the tracker uses one of them
     * @param tcpFactory makes the HTTP server channel, of the group's transport
     * @param udpFactory makes the UDP channel, of the group's transport
     */
    static Builder builder(EventLoopGroup group, ChannelFactory<? extends ServerChannel> tcpFactory,
                           ChannelFactory<? extends DatagramChannel> udpFactory) {
        return new Builder(group, tcpFactory, udpFactory);
    }

    /**
     * Binds HTTP (TCP) and UDP on {@code port} of the builder's host; with 0, on a port
     * number free for both.
     *
     * @return this tracker once it listens; fails if the port is taken
     */
    CompletableFuture<EmbeddedTracker> start(int port);

    /** @return the port it listens on (TCP and UDP), or 0 before {@link #start} */
    int port();

    /** @return {@code http://HOST:PORT/announce} */
    URI httpAnnounceUrl();

    /** @return {@code udp://HOST:PORT/announce} */
    URI udpAnnounceUrl();

    /** @return the peers registered for {@code infoHash} (its 20-byte wire form) that have not expired */
    List<InetSocketAddress> peers(InfoHash infoHash);

    /** @return the torrent's counts, if any peer ever announced it */
    Optional<ScrapeStats> stats(InfoHash infoHash);

    /** @return how many announces (HTTP and UDP) were answered without failure */
    long announces();

    /** Closes both sockets and stops the expiry task; the group is left running. */
    @Override
    void close();

    /** Builds an {@link EmbeddedTracker}. */
    final class Builder {
        final EventLoopGroup group;
        final ChannelFactory<? extends ServerChannel> tcpFactory;
        final ChannelFactory<? extends DatagramChannel> udpFactory;
        InetAddress host = InetAddress.getLoopbackAddress();
        Duration interval = Duration.ofMinutes(30);
        Duration minInterval = Duration.ofMinutes(5);
        Duration peerExpiry;
        int defaultNumWant = 50;
        int maxNumWant = 200;
        int maxTorrents = 10_000;
        int maxPeersPerTorrent = 10_000;
        InstantSource clock = Clock.systemUTC();
        RandomGenerator random = RandomGenerator.getDefault();

        private Builder(EventLoopGroup group, ChannelFactory<? extends ServerChannel> tcpFactory,
                        ChannelFactory<? extends DatagramChannel> udpFactory) {
            this.group = Objects.requireNonNull(group, "group");
            this.tcpFactory = Objects.requireNonNull(tcpFactory, "tcpFactory");
            this.udpFactory = Objects.requireNonNull(udpFactory, "udpFactory");
        }

        /** @return this builder, listening on {@code address} (default: loopback) */
        public Builder host(InetAddress address) {
            this.host = Objects.requireNonNull(address, "host");
            return this;
        }

        /** @return this builder, telling clients to re-announce after {@code value} (default 30 min) */
        public Builder interval(Duration value) {
            this.interval = positive("interval", value);
            return this;
        }

        /** @return this builder, with the {@code min interval} it sends (default 5 min) */
        public Builder minInterval(Duration value) {
            this.minInterval = positive("minInterval", value);
            return this;
        }

        /** @return this builder, forgetting a peer that has not announced for {@code value} (default: 2 intervals) */
        public Builder peerExpiry(Duration value) {
            this.peerExpiry = positive("peerExpiry", value);
            return this;
        }

        /** @return this builder, with how many peers a reply holds by default (50) and at most (200) */
        public Builder numWant(int byDefault, int max) {
            if (byDefault < 0 || max < byDefault) {
                throw new IllegalArgumentException("numWant: " + byDefault + ", max " + max
                        + " (expected: 0 <= default <= max)");
            }
            this.defaultNumWant = byDefault;
            this.maxNumWant = max;
            return this;
        }

        /** @return this builder, refusing new torrents beyond {@code value} (10,000) */
        public Builder maxTorrents(int value) {
            this.maxTorrents = atLeastOne("maxTorrents", value);
            return this;
        }

        /** @return this builder, not registering peers of a torrent beyond {@code value} (10,000) */
        public Builder maxPeersPerTorrent(int value) {
            this.maxPeersPerTorrent = atLeastOne("maxPeersPerTorrent", value);
            return this;
        }

        /** @return this builder, with the clock that ages peers and UDP connection ids */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return this builder, with the generator of peer samples and the connection-id secret */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero() || d.toSeconds() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: > 0 and < 2^31 s)");
            }
            return d;
        }

        private static int atLeastOne(String name, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: >= 1)");
            }
            return v;
        }

        /** @return the tracker, not yet listening */
        public EmbeddedTracker build() {
            if (peerExpiry == null) {
                peerExpiry = interval.multipliedBy(2);
            }
            return new NettyEmbeddedTracker(this);
        }
    }
}
