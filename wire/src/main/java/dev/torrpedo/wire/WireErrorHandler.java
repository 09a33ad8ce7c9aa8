package dev.torrpedo.wire;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connection whose peer broke the protocol (a {@link WireException}, possibly
 * wrapped by Netty), then passes the exception on so the caller can count it.
 */
@ChannelHandler.Sharable
final class WireErrorHandler extends ChannelInboundHandlerAdapter {
    static final WireErrorHandler INSTANCE = new WireErrorHandler();
    private static final Logger LOG = LoggerFactory.getLogger(WireErrorHandler.class);

    private WireErrorHandler() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        WireException breach = wireException(cause);
        if (breach != null) {
            LOG.debug("closing {}: {}", ctx.channel(), breach.getMessage());
            ctx.close();
        }
        ctx.fireExceptionCaught(cause);
    }

    static WireException wireException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof WireException w) {
                return w;
            }
        }
        return null;
    }
}
