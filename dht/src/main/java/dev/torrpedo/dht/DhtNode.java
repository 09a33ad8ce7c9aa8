package dev.torrpedo.dht;

import dev.torrpedo.dht.internal.DefaultDhtNode;
import dev.torrpedo.metainfo.InfoHash;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A Kademlia DHT node (BEP 5) with BEP 32 (IPv6), 33 (scrape), 42 (secure node ids),
 * 43 (read-only), 44 (items) and 51 (infohash sampling).
 *
 * <p>All of a node's state lives on one Netty event loop: the loop of its own UDP socket
 * ({@link Builder#bind}) or of a socket it shares with UDP trackers and uTP
 * ({@link Builder#channel}); then the owner of that socket passes each inbound datagram to
 * {@link #offer(DatagramPacket)}. The node starts no thread of its own (except a short-lived
 * one to resolve bootstrap host names), and none of its work outlives {@link #close()}.
 * Every method is thread-safe and non-blocking but {@code close()}; futures complete and
 * peer callbacks run on the {@linkplain Builder#callbackExecutor callback executor}, never on
 * the event loop.
 *
 * <pre>{@code
 * try (DhtNode dht = DhtNode.builder().bind(group, new InetSocketAddress(6881)).build()) {
 *     dht.start().join();                                   // bootstrapped
 *     PeerLookup found = dht.announce(infoHash, 6881).join(); // peers, and announced
 * }
 * }</pre>
 */
public interface DhtNode extends AutoCloseable {

    /** @return a builder of a node */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Whether a datagram looks like KRPC (a bencoded dictionary): the test a demultiplexer
     * on a shared UDP socket uses. uTP packets start with a version/type byte, UDP tracker
     * packets with a 0-3 action; neither can start with {@code 'd'}.
     *
     * @param content the datagram (its indexes are not changed)
     */
    static boolean isKrpc(ByteBuf content) {
        int n = content.readableBytes();
        return n >= 2 && content.getByte(content.readerIndex()) == 'd'
                && content.getByte(content.readerIndex() + n - 1) == 'e';
    }

    /**
     * Binds the socket (if the node has its own), and bootstraps: a {@code find_node} for
     * our own id through the saved nodes and the bootstrap nodes.
     *
     * @return completes once the bootstrap lookup has finished (even with no nodes found;
     *         the node keeps trying), or fails if the socket cannot be bound
     */
    CompletableFuture<Void> start();

    /**
     * Hands the node one datagram from a shared socket. Call it from the socket's pipeline
     * for every inbound datagram (any thread works; the loop thread is cheapest).
     *
     * @return true if it was KRPC: the node has taken it and released it; false if not: the
     *         caller still owns it
     */
    boolean offer(DatagramPacket packet);

    /** @return our node id (it may change once, when BEP 42 finds our external address) */
    NodeId nodeId();

    /** @return the local address of the socket, or {@code null} before it is bound */
    InetSocketAddress localAddress();

    /** @return a lookup for the peers of {@code infoHash} */
    CompletableFuture<PeerLookup> getPeers(InfoHash infoHash);

    /**
     * A lookup for the peers of {@code infoHash}, passing each batch of new peers to
     * {@code onPeers} as it arrives (on the callback executor).
     */
    CompletableFuture<PeerLookup> getPeers(InfoHash infoHash, Consumer<List<InetSocketAddress>> onPeers);

    /**
     * Looks up {@code infoHash} and announces us to the k closest nodes that gave a token.
     *
     * @param port our peer port, or 0 to have the nodes use our UDP source port (BEP 5
     *             {@code implied_port}, for uTP on the DHT's socket)
     */
    CompletableFuture<PeerLookup> announce(InfoHash infoHash, int port);

    /** {@link #announce(InfoHash, int)} with BEP 33's seed flag. */
    CompletableFuture<PeerLookup> announce(InfoHash infoHash, int port, boolean seed);

    /** @return a BEP 33 scrape: estimated seeds and peers of {@code infoHash} */
    CompletableFuture<ScrapeResult> scrape(InfoHash infoHash);

    /** Stores a BEP 44 immutable item on the k nodes closest to its target. */
    CompletableFuture<PutResult> put(ImmutableItem item);

    /** Stores a BEP 44 mutable item on the k nodes closest to its target. */
    CompletableFuture<PutResult> put(MutableItem item);

    /** @return the immutable item stored under {@code target}, verified against it, if any node has it */
    CompletableFuture<Optional<ImmutableItem>> getImmutable(NodeId target);

    /** @return the newest validly signed mutable item of this key and salt, if any node has it */
    CompletableFuture<Optional<MutableItem>> getMutable(byte[] publicKey, byte[] salt);

    /** @return one node's BEP 51 sample of the info-hashes it stores */
    CompletableFuture<InfohashSample> sampleInfohashes(InetSocketAddress node, NodeId target);

    /** @return the node at {@code address}, once it has answered a ping */
    CompletableFuture<DhtContact> ping(InetSocketAddress address);

    /** @return the k closest nodes to {@code target} that answered a {@code find_node} lookup */
    CompletableFuture<List<DhtContact>> findNode(NodeId target);

    /**
     * Pings a node a peer told us of (BEP 5 {@code PORT} message); it joins the routing
     * table if it answers.
     */
    void addNode(InetSocketAddress address);

    /** @return our id and the routing table's nodes, to save and pass to {@link Builder#state} next run */
    CompletableFuture<DhtState> state();

    /** @return counters and sizes, as of the last timer tick */
    DhtStats stats();

    /** @return live routing-table nodes, as of the last change */
    int nodeCount();

    /**
     * Stops the node: pending operations fail with {@link DhtException.Reason#CLOSED}, its
     * own socket is closed (a shared one is left open). Waits for that unless called on the
     * event loop.
     */
    @Override
    void close();

    /** Builds a {@link DhtNode}. */
    final class Builder {
        private DhtSettings settings = DhtSettings.defaults();
        private EventLoopGroup group;
        private InetSocketAddress bindAddress;
        private Class<? extends DatagramChannel> channelType = NioDatagramChannel.class;
        private DatagramChannel channel;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random;
        private Executor callbackExecutor = ForkJoinPool.commonPool();
        private DhtState state;

        private Builder() {
        }

        /** The settings (default: {@link DhtSettings#defaults()}). */
        public Builder settings(DhtSettings v) {
            settings = Objects.requireNonNull(v, "settings");
            return this;
        }

        /**
         * Gives the node its own UDP socket, bound to {@code address} on one loop of
         * {@code group} (the caller's; the node does not shut it down).
         */
        public Builder bind(EventLoopGroup eventLoops, InetSocketAddress address) {
            group = Objects.requireNonNull(eventLoops, "eventLoops");
            bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The channel class for {@link #bind} (default: {@link NioDatagramChannel}; must suit the group). */
        public Builder channelType(Class<? extends DatagramChannel> v) {
            channelType = Objects.requireNonNull(v, "channelType");
            return this;
        }

        /**
         * Runs the node on a registered, bound socket shared with others: the node sends
         * through it and receives what its owner {@linkplain DhtNode#offer offers}.
         */
        public Builder channel(DatagramChannel shared) {
            channel = Objects.requireNonNull(shared, "channel");
            return this;
        }

        /** The clock every timer reads (default: the system UTC clock). */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            return this;
        }

        /** The randomness for ids, tokens and transaction ids (default: a {@link SecureRandom}). */
        public Builder random(RandomGenerator v) {
            random = Objects.requireNonNull(v, "random");
            return this;
        }

        /** Where futures complete and peer callbacks run (default: the common fork-join pool). */
        public Builder callbackExecutor(Executor v) {
            callbackExecutor = Objects.requireNonNull(v, "callbackExecutor");
            return this;
        }

        /** The state a previous run saved ({@link DhtNode#state()}), or {@code null}. */
        public Builder state(DhtState v) {
            state = v;
            return this;
        }

        /**
         * @return the node, not yet started
         * @throws IllegalStateException unless exactly one of {@link #bind} and {@link #channel} was given
         */
        public DhtNode build() {
            if ((group == null) == (channel == null)) {
                throw new IllegalStateException("give either bind(group, address) or channel(shared), not "
                        + (group == null ? "neither" : "both"));
            }
            return new DefaultDhtNode(settings, group, bindAddress, channelType, channel, clock,
                    random != null ? random : new SecureRandom(), callbackExecutor, state);
        }
    }
}
