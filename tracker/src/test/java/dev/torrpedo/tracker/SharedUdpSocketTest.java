package dev.torrpedo.tracker;

import static dev.torrpedo.tracker.Loopback.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.torrpedo.tracker.server.EmbeddedTracker;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The UDP tracker client on a socket it shares, as the engine will share one with the DHT and
 * uTP: a demultiplexer offers every datagram, the client claims only its replies.
 */
class SharedUdpSocketTest {

    @Test
    void theClientClaimsOnlyItsOwnReplies() throws Exception {
        ManualClock clock = new ManualClock();
        try (Loopback loopback = new Loopback();
             EmbeddedTracker tracker = await(loopback.tracker().build().start(0))) {
            List<String> others = new CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch twoOthers = new java.util.concurrent.CountDownLatch(2);
            AtomicReference<UdpTrackerClient> client = new AtomicReference<>();
            DatagramChannel channel = (DatagramChannel) new Bootstrap().group(loopback.group)
                    .channelFactory(NioDatagramChannel::new)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                            // the engine's demultiplexer: trackers first, then the DHT, then uTP
                            if (!client.get().onDatagram(p.sender(), p.content())) {
                                others.add(new String(ByteBufUtil.getBytes(p.content()), StandardCharsets.ISO_8859_1));
                                twoOthers.countDown();
                            }
                        }
                    }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            try {
                client.set(UdpTrackerClient.builder().settings(Loopback.SETTINGS).clock(clock).attach(channel));
                AnnounceResponse r = await(client.get().announce(tracker.udpAnnounceUrl(),
                        Loopback.request(Loopback.hash(1), Loopback.peer(1), 6001, 0)));
                assertEquals(List.of(), r.peers());

                // a DHT query and a packet shaped like a tracker reply with an unknown transaction id
                try (DatagramSocket dht = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                    byte[] ping = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe".getBytes(StandardCharsets.ISO_8859_1);
                    dht.send(new java.net.DatagramPacket(ping, ping.length, channel.localAddress()));
                    byte[] stray = ByteBuffer.allocate(16).putInt(0).putInt(12345).putLong(1).array();
                    dht.send(new java.net.DatagramPacket(stray, stray.length, channel.localAddress()));
                    twoOthers.await(5, java.util.concurrent.TimeUnit.SECONDS);
                }
                assertEquals(2, others.size(), others.toString());
                assertEquals('d', others.get(0).charAt(0));

                // only on the channel's event loop
                assertThrows(IllegalStateException.class, () -> client.get().onDatagram(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 1), Unpooled.EMPTY_BUFFER));

                client.get().close();
                assertFalse(channel.eventLoop().submit(() -> !channel.isOpen()).get(),
                        "closing an attached client leaves the shared socket open");
            } finally {
                channel.close().sync();
            }
        }
    }
}
