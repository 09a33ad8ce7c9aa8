package dev.torrpedo.engine.internal.session;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's one UDP socket, shared by every protocol that speaks UDP: each inbound
 * datagram is offered to the sinks in order until one takes it; nobody's datagrams are
 * dropped. The DHT goes first once it exists ({@code demux.addFirst(dht::offer)}, one line),
 * then the UDP tracker client.
 */
@ChannelHandler.Sharable
public final class UdpDemux extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(UdpDemux.class);

    /** Takes a datagram or leaves it to the next sink. Called on the socket's event loop. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @return true if the datagram was this sink's: it now owns (and releases) the packet;
         *         false leaves the packet to the caller
         */
        boolean offer(DatagramPacket packet);
    }

    private final CopyOnWriteArrayList<Sink> sinks = new CopyOnWriteArrayList<>();

    /** Offers datagrams to {@code sink} before every sink added so far. */
    public void addFirst(Sink sink) {
        sinks.add(0, sink);
    }

    /** Offers datagrams to {@code sink} after every sink added so far. */
    public void addLast(Sink sink) {
        sinks.add(sink);
    }

    /** Stops offering datagrams to {@code sink}. */
    public void remove(Sink sink) {
        sinks.remove(sink);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        for (Sink s : sinks) {
            boolean taken;
            try {
                taken = s.offer(packet);
            } catch (RuntimeException e) {
                LOG.debug("a UDP sink failed on a datagram from {}", packet.sender(), e);
                taken = false;
            }
            if (taken) {
                return;
            }
        }
        packet.release();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("UDP socket error (ignored)", cause);
    }
}
