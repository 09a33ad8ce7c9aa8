package dev.torrpedo.engine.internal.lsd;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local service discovery (BEP 14) on one network interface: a UDP socket on port
 * {@value LsdAnnounce#PORT} (shared with other clients of the host, {@code SO_REUSEADDR})
 * joined to the IPv4 group {@value LsdAnnounce#GROUP_V4}.
 *
 * <p>Sending is rate-limited as the BEP asks: at most one datagram per
 * {@link #SEND_INTERVAL_NANOS} (the first at once), carrying every info-hash waiting to be
 * announced that fits in {@link LsdAnnounce#MAX_DATAGRAM} bytes; torrents ask to be announced
 * when they start and every five minutes. Receiving is rate-limited per sender: at most
 * {@link #MAX_PER_SENDER} datagrams per {@link #SENDER_WINDOW_NANOS} from one IP are read,
 * the rest dropped unread; the table of senders is bounded. Our own announces, which come
 * back through multicast loopback, are recognised by their cookie.
 *
 * <p>The interface: the one of the session's listen address if it has one (loopback
 * included: two sessions on 127.0.0.1 find each other this way), else the first interface
 * that is up, multicast-capable, not loopback, and has an IPv4 address. IPv6 (the BEP's
 * {@code [ff15::efc0:988f]}) is not used.
 *
 * <p>Threading: everything runs on the socket's event loop; {@link #announce} may be called
 * from any thread, and the listener is called on the loop.
 */
public final class LocalDiscovery implements AutoCloseable {
    /** The least time between two announces we send. */
    public static final long SEND_INTERVAL_NANOS = 60_000_000_000L;
    /** Datagrams read from one sender per {@link #SENDER_WINDOW_NANOS}. */
    public static final int MAX_PER_SENDER = 5;
    /** The window of {@link #MAX_PER_SENDER}. */
    public static final long SENDER_WINDOW_NANOS = 60_000_000_000L;
    /** Senders remembered for the rate limit; past it the table starts over. */
    static final int MAX_SENDERS = 1024;
    /** Info-hashes waiting to be announced, at most. */
    static final int MAX_PENDING = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LocalDiscovery.class);

    /** Hears of peers on the local network. */
    @FunctionalInterface
    public interface Listener {
        /** A peer at {@code peer} announced the torrent {@code infoHashHex} (40 lowercase hex digits). */
        void found(String infoHashHex, InetSocketAddress peer);
    }

    private final DatagramChannel channel;
    private final InetSocketAddress group;
    private final String host;
    private final int tcpPort;
    private final String cookie;
    private final LongSupplier nanos;
    private final Listener listener;
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final Map<InetAddress, long[]> senders = new HashMap<>();
    private final ScheduledFuture<?> ticker;
    private boolean sentOnce;
    private long lastSent;
    private volatile long received;
    private volatile long dropped;

    private LocalDiscovery(DatagramChannel channel, InetSocketAddress group, int tcpPort, String cookie, LongSupplier nanos,
                           Listener listener) {
        this.channel = channel;
        this.group = group;
        this.host = group.getAddress().getHostAddress() + ":" + group.getPort();
        this.tcpPort = tcpPort;
        this.cookie = cookie;
        this.nanos = nanos;
        this.listener = listener;
        this.ticker = channel.eventLoop().scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Opens the socket and joins the group. Blocks while binding (call it off the event loops).
     *
     * @param listenAddress the session's listen address, or null for every address
     * @param tcpPort       the port we accept peers on, announced
     * @return the running discovery, or null if no interface fits or the port cannot be shared
     */
    public static LocalDiscovery open(EventLoopGroup group, InetAddress listenAddress, int tcpPort, LongSupplier nanos,
                                      RandomGenerator random, Listener listener) {
        NetworkInterface nic = chooseInterface(listenAddress);
        if (nic == null) {
            LOG.info("local service discovery is off: no multicast-capable IPv4 interface");
            return null;
        }
        InetSocketAddress groupAddress = new InetSocketAddress(LsdAnnounce.GROUP_V4, LsdAnnounce.PORT);
        LocalDiscovery[] self = new LocalDiscovery[1];
        Bootstrap b = new Bootstrap().group(group)
                .channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.IP_MULTICAST_IF, nic)
                .option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, false)
                .option(ChannelOption.IP_MULTICAST_TTL, 2)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        LocalDiscovery d = self[0];
                        if (d != null) {
                            d.read(packet);
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        LOG.debug("LSD socket error (ignored)", cause);
                    }
                });
        ChannelFuture bound = b.bind(new InetSocketAddress(LsdAnnounce.PORT)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            LOG.info("local service discovery is off: port {} cannot be bound: {}", LsdAnnounce.PORT,
                    bound.cause().toString());
            return null;
        }
        DatagramChannel ch = (DatagramChannel) bound.channel();
        ChannelFuture joined = ch.joinGroup(groupAddress, nic).awaitUninterruptibly();
        if (!joined.isSuccess()) {
            LOG.info("local service discovery is off: joining {} on {} failed: {}", groupAddress, nic.getName(),
                    joined.cause().toString());
            ch.close().awaitUninterruptibly();
            return null;
        }
        byte[] c = new byte[6];
        for (int i = 0; i < c.length; i++) {
            c[i] = (byte) random.nextInt(256);
        }
        LocalDiscovery d = new LocalDiscovery(ch, groupAddress, tcpPort, HexFormat.of().formatHex(c), nanos, listener);
        self[0] = d;
        LOG.debug("local service discovery on {} ({})", nic.getName(), groupAddress);
        return d;
    }

    /** @return the interface to use, or null */
    static NetworkInterface chooseInterface(InetAddress listenAddress) {
        try {
            if (listenAddress instanceof Inet4Address && !listenAddress.isAnyLocalAddress()) {
                return NetworkInterface.getByInetAddress(listenAddress);
            }
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements()) {
                NetworkInterface n = all.nextElement();
                if (n.isUp() && n.supportsMulticast() && !n.isLoopback() && hasIpv4(n)) {
                    return n;
                }
            }
        } catch (SocketException e) {
            LOG.debug("listing network interfaces failed: {}", e.toString());
        }
        return null;
    }

    private static boolean hasIpv4(NetworkInterface n) {
        Enumeration<InetAddress> a = n.getInetAddresses();
        while (a.hasMoreElements()) {
            if (a.nextElement() instanceof Inet4Address) {
                return true;
            }
        }
        return false;
    }

    /** @return our cookie, by which we recognise our own announces */
    public String cookie() {
        return cookie;
    }

    /** Asks to announce the torrent {@code infoHashHex} (40 lowercase hex digits) soon. Any thread. */
    public void announce(String infoHashHex) {
        channel.eventLoop().execute(() -> {
            if (pending.size() < MAX_PENDING) {
                pending.add(infoHashHex);
            }
            tick();
        });
    }

    /** @return datagrams read and handled (for tests) */
    public long received() {
        return received;
    }

    /** @return datagrams dropped: malformed, ours, or over a sender's rate (for tests) */
    public long dropped() {
        return dropped;
    }

    private void tick() {
        if (pending.isEmpty() || !channel.isActive()) {
            return;
        }
        long now = nanos.getAsLong();
        if (sentOnce && now - lastSent < SEND_INTERVAL_NANOS) {
            return;
        }
        List<String> batch = new ArrayList<>();
        int room = LsdAnnounce.MAX_DATAGRAM - 128 - cookie.length();
        for (Iterator<String> it = pending.iterator(); it.hasNext() && batch.size() < LsdAnnounce.MAX_INFOHASHES; ) {
            String h = it.next();
            if (room < 52) {
                break;
            }
            batch.add(h);
            room -= 52; // "Infohash: " + 40 + CRLF
            it.remove();
        }
        sentOnce = true;
        lastSent = now;
        byte[] bytes = new LsdAnnounce(tcpPort, batch, cookie).encode(host);
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), group)).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("sending an LSD announce failed: {}", f.cause().toString());
            }
        });
    }

    private void read(DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        if (sender == null || sender.getAddress() == null || !admit(sender.getAddress())) {
            dropped++;
            return;
        }
        ByteBuf content = packet.content();
        int n = content.readableBytes();
        if (n > LsdAnnounce.MAX_DATAGRAM) {
            dropped++;
            return;
        }
        byte[] bytes = new byte[n];
        content.getBytes(content.readerIndex(), bytes);
        LsdAnnounce a;
        try {
            a = LsdAnnounce.parse(bytes);
        } catch (LsdFormatException e) {
            dropped++;
            LOG.debug("LSD datagram from {} ignored: {}", sender, e.getMessage());
            return;
        }
        if (a.cookie().equals(cookie)) {
            dropped++;
            return;
        }
        received++;
        InetSocketAddress peer = new InetSocketAddress(sender.getAddress(), a.port());
        for (String h : a.infoHashes()) {
            try {
                listener.found(h, peer);
            } catch (RuntimeException e) {
                LOG.warn("an LSD listener failed", e);
            }
        }
    }

    /** @return whether a datagram from {@code ip} may be read now (its rate) */
    private boolean admit(InetAddress ip) {
        long now = nanos.getAsLong();
        long[] w = senders.get(ip);
        if (w == null) {
            if (senders.size() >= MAX_SENDERS) {
                senders.clear();
            }
            senders.put(ip, new long[] {now, 1});
            return true;
        }
        if (now - w[0] >= SENDER_WINDOW_NANOS) {
            w[0] = now;
            w[1] = 1;
            return true;
        }
        return ++w[1] <= MAX_PER_SENDER;
    }

    /** Leaves the group and closes the socket. Blocks briefly; call it off the event loops. */
    @Override
    public void close() {
        ticker.cancel(false);
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
