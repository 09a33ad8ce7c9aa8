package dev.torrpedo.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The DHT on a socket it shares with UDP trackers and uTP: the owner's demultiplexer offers
 * each datagram; KRPC goes to the node, the rest stays with the owner.
 */
class SharedChannelTest {

    @Test
    void krpcIsTakenAndTheRestPassesThrough() {
        try (TestNetwork net = new TestNetwork(1, 8)) {
            List<byte[]> others = new CopyOnWriteArrayList<>();
            AtomicInteger refCntOfOthers = new AtomicInteger(-1);
            DhtNode[] holder = new DhtNode[1];
            DatagramChannel shared = (DatagramChannel) new Bootstrap().group(net.group).channel(NioDatagramChannel.class)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            DatagramPacket p = (DatagramPacket) msg;
                            if (!holder[0].offer(p)) {
                                refCntOfOthers.set(p.refCnt());
                                others.add(ByteBufUtil.getBytes(p.content())); // a tracker or uTP packet
                                p.release();
                            }
                        }
                    }).bind(new InetSocketAddress(TestNetwork.address(0), 0)).syncUninterruptibly().channel();
            try {
                DhtNode onShared = DhtNode.builder().settings(TestNetwork.settings().build()).channel(shared)
                        .callbackExecutor(Runnable::run).build();
                holder[0] = onShared;
                net.nodes.add(onShared);
                onShared.start().join();
                assertEquals(shared.localAddress(), onShared.localAddress());

                DhtNode other = net.add(TestNetwork.address(1),
                        TestNetwork.settings().bootstrapNodes(List.of(onShared.localAddress())).build());
                other.start().join();
                assertEquals(1, other.nodeCount());
                TestNetwork.await(() -> onShared.nodeCount() == 1, Duration.ofSeconds(5), "the other node in the table");

                // a UDP tracker connect request arrives on the same port
                byte[] connect = {0, 0, 4, 0x17, 0x27, 0x10, 0x19, (byte) 0x80, 0, 0, 0, 0, 1, 2, 3, 4};
                try (RawClient tracker = new RawClient(TestNetwork.address(2), NodeId.random(new java.util.SplittableRandom(1)))) {
                    tracker.sendRaw(onShared.localAddress(), connect);
                    TestNetwork.await(() -> others.size() == 1, Duration.ofSeconds(5), "the tracker packet passed on");
                }
                assertTrue(java.util.Arrays.equals(connect, others.get(0)));
                assertEquals(1, refCntOfOthers.get(), "not released by the node");
                assertFalse(DhtNode.isKrpc(Unpooled.wrappedBuffer(connect)));
                assertTrue(DhtNode.isKrpc(Unpooled.wrappedBuffer("d1:t2:aae".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
                onShared.close();
                assertTrue(shared.isOpen(), "a shared socket stays open");
            } finally {
                shared.close().syncUninterruptibly();
            }
        }
    }
}
