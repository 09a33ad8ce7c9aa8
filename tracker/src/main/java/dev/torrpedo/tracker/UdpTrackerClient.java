package dev.torrpedo.tracker;

import dev.torrpedo.tracker.internal.NettyUdpTrackerClient;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Announces to and scrapes UDP trackers (BEP 15, BEP 41) over one datagram socket, which it
 * may share with other protocols (the DHT, uTP): it writes through the channel and is handed
 * each inbound datagram by the caller's demultiplexer through {@link #onDatagram}; replies
 * are routed to requests by transaction id. Connection ids are reused for
 * {@link TrackerSettings#connectionIdLifetime()}, judged by the injected clock; a request is
 * sent again after {@code udpRetransmitBase * 2^n} and fails with
 * {@link TrackerError#TIMEOUT} after {@link TrackerSettings#udpMaxRetransmits()} resends.
 *
 * <pre>{@code
 * // on a socket the engine shares: its demultiplexer calls onDatagram on the channel's event loop
 * UdpTrackerClient udp = UdpTrackerClient.builder().settings(s).clock(clock).random(random).attach(channel);
 * // standalone, on a socket of its own
 * UdpTrackerClient udp = UdpTrackerClient.builder().open(group, NioDatagramChannel::new,
 *         new InetSocketAddress(0)).join();
 * }</pre>
 */
public interface UdpTrackerClient extends TrackerClient {

    /**
     * Offers an inbound datagram. Must be called on the channel's event loop. The buffer is
     * only read (its indexes are not moved); the caller still owns and releases it.
     *
     * @param sender  where the datagram came from
     * @param content its bytes
     * @return whether it was the reply to one of this client's pending requests (matched by
     *         transaction id and sender) and was consumed; {@code false} means it belongs to
     *         someone else
     */
    boolean onDatagram(InetSocketAddress sender, ByteBuf content);

    /** @return a builder with the default settings, the system clock and a fresh random generator */
    static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link UdpTrackerClient}. */
    final class Builder {
        private TrackerSettings settings = TrackerSettings.defaults();
        private InstantSource clock = Clock.systemUTC();
        private RandomGenerator random = RandomGenerator.getDefault();
        private AddressResolverGroup<InetSocketAddress> resolver = DefaultAddressResolverGroup.INSTANCE;

        private Builder() {
        }

        /** @return this builder, with these settings */
        public Builder settings(TrackerSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** @return this builder, with the clock that ages connection ids */
        public Builder clock(InstantSource value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** @return this builder, with the generator of transaction ids */
        public Builder random(RandomGenerator value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Sets how tracker host names are resolved; see
         * {@link HttpTrackerClient.Builder#resolver(AddressResolverGroup)}.
         *
         * @return this builder
         */
        public Builder resolver(AddressResolverGroup<InetSocketAddress> value) {
            this.resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        /**
         * @return a client that writes through {@code channel} (which the caller owns and
         *         closes) and reads only what is passed to {@link #onDatagram}
         */
        public UdpTrackerClient attach(DatagramChannel channel) {
            return new NettyUdpTrackerClient(channel, false, settings, clock, random, resolver);
        }

        /**
         * Opens a socket of the client's own, bound to {@code bind}; closing the client closes it.
         *
         * @return the client, once the socket is bound
         */
        public CompletableFuture<UdpTrackerClient> open(EventLoopGroup group,
                                                        ChannelFactory<? extends DatagramChannel> channelFactory,
                                                        InetSocketAddress bind) {
            return NettyUdpTrackerClient.open(group, channelFactory, bind, settings, clock, random, resolver);
        }
    }
}
