package dev.torrpedo.engine.internal.session;

import dev.torrpedo.engine.Encryption;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.peer.ReservedBits;
import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.tracker.HttpTrackerClient;
import dev.torrpedo.tracker.TrackerClient;
import dev.torrpedo.tracker.UdpTrackerClient;
import dev.torrpedo.wire.PeerWire;
import dev.torrpedo.wire.Reserved;
import dev.torrpedo.wire.WireOptions;
import dev.torrpedo.wire.mse.EncryptionPolicy;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's sockets: the TCP listener, the shared UDP socket with its demultiplexer,
 * the tracker clients (host names resolved by Netty's asynchronous DNS resolver, so no event
 * loop blocks on a lookup), and outbound peer connections.
 */
final class Network {
    private static final Logger LOG = LoggerFactory.getLogger(Network.class);
    /** Netty's default high mark is 64 KiB; more keeps a fast uploader's socket busy. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    private static final int BIND_ATTEMPTS = 20;

    private final SessionImpl session;
    private final Channel server;
    private final DatagramChannel udp;
    private final UdpDemux demux;
    private final DnsAddressResolverGroup resolver;
    private final TrackerClient trackers;
    private final Bootstrap dialer;
    private final int port;

    private Network(SessionImpl session, Channel server, DatagramChannel udp, UdpDemux demux) {
        this.session = session;
        this.server = server;
        this.udp = udp;
        this.demux = demux;
        this.port = ((InetSocketAddress) server.localAddress()).getPort();
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(NioDatagramChannel.class)
                .queryTimeoutMillis(5000));
        HttpTrackerClient http = HttpTrackerClient.builder(session.group(), NioSocketChannel::new)
                .settings(session.trackerSettings()).resolver(resolver).build();
        UdpTrackerClient udpClient = UdpTrackerClient.builder().settings(session.trackerSettings())
                .clock(session.clock().clock()).random(session.newRandom()).resolver(resolver).attach(udp);
        demux.addLast(packet -> {
            if (udpClient.onDatagram(packet.sender(), packet.content())) {
                packet.release();
                return true;
            }
            return false;
        });
        this.trackers = TrackerClient.routing(http, udpClient);
        this.dialer = new Bootstrap().group(session.group()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK);
    }

    /** Binds TCP and UDP on one port number (any free one for 0). */
    static Network open(SessionImpl session, InetAddress address, int port) throws IOException {
        UdpDemux demux = new UdpDemux();
        ServerBootstrap sb = new ServerBootstrap().group(session.group()).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(session, ch);
                    }
                });
        Bootstrap ub = new Bootstrap().group(session.group()).channel(NioDatagramChannel.class).handler(demux);
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? BIND_ATTEMPTS : 1); attempt++) {
            InetSocketAddress tcpAt = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
            ChannelFuture tcp = sb.bind(tcpAt).awaitUninterruptibly();
            if (!tcp.isSuccess()) {
                last = asIo(tcp.cause());
                continue;
            }
            int bound = ((InetSocketAddress) tcp.channel().localAddress()).getPort();
            InetSocketAddress udpAt = address == null ? new InetSocketAddress(bound) : new InetSocketAddress(address, bound);
            ChannelFuture u = ub.bind(udpAt).awaitUninterruptibly();
            if (!u.isSuccess()) {
                last = asIo(u.cause());
                tcp.channel().close().awaitUninterruptibly();
                continue;
            }
            return new Network(session, tcp.channel(), (DatagramChannel) u.channel(), demux);
        }
        throw last;
    }

    private static IOException asIo(Throwable t) {
        return t instanceof IOException io ? io : new IOException(t);
    }

    private static void accept(SessionImpl session, SocketChannel ch) {
        InetSocketAddress remote = ch.remoteAddress();
        if (session.isClosed() || session.bans().isBanned(remote) || session.isFiltered(remote.getAddress())
                || !session.tryReserveConnection()) {
            ch.close();
            return;
        }
        Encryption policy = session.current().encryption();
        PeerConnection pc = new PeerConnection(session, null, remote, false, policy);
        PeerWire.inbound(ch, session.index(), options(session, policy, null), pc);
    }

    /** @param torrent the torrent we dial for, or null for an inbound connection */
    static WireOptions options(SessionImpl session, Encryption policy, dev.torrpedo.metainfo.InfoHash torrent) {
        EncryptionPolicy p;
        switch (policy) {
            case PLAINTEXT:
                p = EncryptionPolicy.PLAINTEXT;
                break;
            case REQUIRE:
                p = EncryptionPolicy.REQUIRE;
                break;
            default:
                p = EncryptionPolicy.PREFER;
                break;
        }
        WireOptions o = WireOptions.of(session.peerId(), session.secureRandom()).withEncryption(p)
                .withReserved(ReservedBits.forTorrent(torrent));
        // BEP 5: the DHT bit says we run a node on our port (a PORT message follows the handshake)
        return session.dht() == null ? o : o.withReserved(o.reserved().with(Reserved.DHT, true));
    }

    /** @return the port peers connect to (TCP) and UDP trackers answer on */
    int port() {
        return port;
    }

    /** @return the tracker client (HTTP and UDP) */
    TrackerClient trackers() {
        return trackers;
    }

    /** @return the asynchronous DNS resolver (trackers, web seeds) */
    DnsAddressResolverGroup resolver() {
        return resolver;
    }

    /** @return the UDP demultiplexer (the DHT goes first) */
    UdpDemux demux() {
        return demux;
    }

    /** @return the shared UDP socket (DHT, UDP trackers) */
    DatagramChannel udp() {
        return udp;
    }

    /** Connects to a peer for {@code torrent}, which has reserved the connection. */
    void dial(TorrentImpl torrent, InetSocketAddress address, boolean plaintext) {
        Settings s = session.current();
        Encryption policy = plaintext ? Encryption.PLAINTEXT : s.encryption();
        PeerConnection pc = new PeerConnection(session, torrent, address, true, policy);
        WireOptions options = options(session, policy, torrent.infoHash());
        Bootstrap b = dialer.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, s.handshakeTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        PeerWire.outbound(ch, torrent.infoHash(), options, pc);
                    }
                });
        b.connect(address).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                pc.connectFailed(f.cause());
            }
        });
    }

    /** Stops accepting connections. */
    void stopAccepting() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    /** Closes the sockets and the tracker clients (the event loops are the session's). */
    void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        trackers.close();
        resolver.close();
        udp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        LOG.debug("network of port {} closed", port);
    }
}
