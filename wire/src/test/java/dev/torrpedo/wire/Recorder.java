package dev.torrpedo.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayList;
import java.util.List;

/** The caller's handler in tests: records what {@link PeerWire} delivers. */
public final class Recorder extends ChannelInboundHandlerAdapter {
    public final List<Object> messages = new ArrayList<>();
    public final List<Object> events = new ArrayList<>();
    public final List<Throwable> errors = new ArrayList<>();
    public boolean inactive;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        messages.add(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        events.add(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        errors.add(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        inactive = true;
    }

    /** @return the messages of type {@code type} */
    public <T> List<T> messages(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object o : messages) {
            if (type.isInstance(o)) {
                out.add(type.cast(o));
            }
        }
        return out;
    }

    /** Releases every recorded message that holds a buffer. */
    public void release() {
        Wire.release(messages);
        messages.clear();
    }
}
