package dev.torrpedo.wire;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.PeerId;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Sends our handshake at the right moment, then leaves the pipeline: on an outbound
 * connection as soon as it is active, on an inbound one in reply to the peer's (same
 * torrent, same hash form) before the peer's handshake goes on to the caller.
 */
final class HandshakeExchange extends ChannelInboundHandlerAdapter {
    private final InfoHash outboundTorrent;
    private final Reserved reserved;
    private final PeerId peerId;
    private boolean sent;

    /** @param outboundTorrent the torrent we dialled for, or {@code null} for an inbound connection */
    HandshakeExchange(InfoHash outboundTorrent, Reserved reserved, PeerId peerId) {
        this.outboundTorrent = outboundTorrent;
        this.reserved = reserved;
        this.peerId = peerId;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            sendFirst(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        sendFirst(ctx);
        ctx.fireChannelActive();
    }

    private void sendFirst(ChannelHandlerContext ctx) {
        if (outboundTorrent != null && !sent) {
            sent = true;
            ctx.writeAndFlush(Handshake.of(reserved, outboundTorrent, peerId));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Handshake remote) {
            if (!sent) {
                sent = true;
                ctx.writeAndFlush(remote.reply(reserved, peerId));
            }
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }
}
