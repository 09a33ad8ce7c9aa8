package dev.torrpedo.tracker;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real UDP "tracker" on loopback that answers each packet with whatever its script returns. */
final class ScriptedUdpServer implements AutoCloseable {
    /** Answers one request: the packets to send back (none for silence). */
    interface Script {
        List<byte[]> respond(ByteBuffer request, int index);
    }

    private final Channel channel;
    final List<byte[]> requests = new CopyOnWriteArrayList<>();

    ScriptedUdpServer(EventLoopGroup group, Script script) {
        channel = new Bootstrap().group(group).channelFactory(NioDatagramChannel::new)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        byte[] req = ByteBufUtil.getBytes(p.content());
                        requests.add(req);
                        for (byte[] reply : script.respond(ByteBuffer.wrap(req), requests.size() - 1)) {
                            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), p.sender()));
                        }
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
    }

    URI url() {
        return URI.create("udp://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort() + "/announce");
    }

    /** @return how many requests had this action (connect requests have it at offset 8, as all do) */
    long count(int action) {
        return requests.stream().filter(r -> r.length >= 16 && ByteBuffer.wrap(r).getInt(8) == action).count();
    }

    static int action(ByteBuffer req) {
        return req.getInt(8);
    }

    static int txn(ByteBuffer req) {
        return req.getInt(12);
    }

    static byte[] connectReply(int txn, long connectionId) {
        return ByteBuffer.allocate(16).putInt(0).putInt(txn).putLong(connectionId).array();
    }

    static byte[] announceReply(int txn, int interval, byte[] peers) {
        return ByteBuffer.allocate(20 + peers.length).putInt(1).putInt(txn).putInt(interval).putInt(3).putInt(4)
                .put(peers).array();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
