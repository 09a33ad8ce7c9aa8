package dev.torrpedo.tracker;

import dev.torrpedo.tracker.internal.NettyHttpTrackerClient;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Announces to and scrapes HTTP and HTTPS trackers (BEP 3, 23, 7, 48) on the caller's Netty
 * event loops: one short connection per request, gzip or deflate bodies, at most
 * {@link TrackerSettings#maxRedirects()} redirects, answers over
 * {@link TrackerSettings#maxResponseBytes()} after decompression refused, the whole request
 * bounded by {@link TrackerSettings#requestTimeout()}.
 *
 * <pre>{@code
 * HttpTrackerClient http = HttpTrackerClient.builder(group, NioSocketChannel::new)
 *         .settings(settings).build();
 * }</pre>
 */
public interface HttpTrackerClient extends TrackerClient {

    /**
     * @param group          the event loops the client runs on (the caller owns and shuts them down)
     * @param channelFactory makes the TCP channels, of the group's transport
     */
    static Builder builder(EventLoopGroup group, ChannelFactory<? extends SocketChannel> channelFactory) {
        return new Builder(group, channelFactory);
    }

    /** Builds an {@link HttpTrackerClient}. */
    final class Builder {
        private final EventLoopGroup group;
        private final ChannelFactory<? extends SocketChannel> channelFactory;
        private TrackerSettings settings = TrackerSettings.defaults();
        private AddressResolverGroup<InetSocketAddress> resolver = DefaultAddressResolverGroup.INSTANCE;
        private SslContext sslContext;

        private Builder(EventLoopGroup group, ChannelFactory<? extends SocketChannel> channelFactory) {
            this.group = Objects.requireNonNull(group, "group");
            this.channelFactory = Objects.requireNonNull(channelFactory, "channelFactory");
        }

        /** @return this builder, with these settings (default: {@link TrackerSettings#defaults()}) */
        public Builder settings(TrackerSettings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * Sets how tracker host names are resolved. The default, Netty's
         * {@link DefaultAddressResolverGroup}, asks the JDK and so blocks an event loop while
         * it looks a name up; an engine should pass a {@code DnsAddressResolverGroup}.
         * IP literals are never looked up.
         *
         * @return this builder
         */
        public Builder resolver(AddressResolverGroup<InetSocketAddress> value) {
            this.resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        /**
         * Sets the TLS client context for https trackers (default: the JDK provider with the
         * JDK's trusted certificates and host name verification).
         *
         * @return this builder
         */
        public Builder sslContext(SslContext value) {
            this.sslContext = Objects.requireNonNull(value, "sslContext");
            if (!value.isClient()) {
                throw new IllegalArgumentException("sslContext: a server context (expected: a client context)");
            }
            return this;
        }

        /** @return the client */
        public HttpTrackerClient build() {
            return new NettyHttpTrackerClient(group, channelFactory, settings, resolver, sslContext);
        }
    }
}
