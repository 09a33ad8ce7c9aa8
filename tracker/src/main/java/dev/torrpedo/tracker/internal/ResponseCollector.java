package dev.torrpedo.tracker.internal;

import dev.torrpedo.tracker.TrackerError;
import dev.torrpedo.tracker.TrackerException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Arrays;

/**
 * Collects one HTTP response into a byte array, refusing more than a limit before copying
 * anything past it, and hands it to its {@link HttpExchange}. Released buffers: the base
 * class releases each message after {@link #channelRead0}.
 */
final class ResponseCollector extends SimpleChannelInboundHandler<HttpObject> {
    private final HttpExchange exchange;
    private final int maxBytes;
    private HttpResponse response;
    private byte[] body = new byte[0];
    private int length;
    private boolean delivered;

    ResponseCollector(HttpExchange exchange, int maxBytes) {
        this.exchange = exchange;
        this.maxBytes = maxBytes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (exchange.isDone()) {
            return;
        }
        if (msg.decoderResult().isFailure()) {
            exchange.fail(new TrackerException(TrackerError.MALFORMED, null, "http", -1,
                    "invalid HTTP: " + msg.decoderResult().cause(), msg.decoderResult().cause()));
            return;
        }
        if (msg instanceof HttpResponse r) {
            response = r;
            long declared = HttpUtil.getContentLength(r, -1L);
            if (declared > maxBytes) {
                tooLarge(declared);
                return;
            }
        }
        if (msg instanceof HttpContent c) {
            if (response == null) {
                exchange.fail(TrackerException.malformed("http", -1, "content before a response head"));
                return;
            }
            ByteBuf content = c.content();
            int n = content.readableBytes();
            if ((long) length + n > maxBytes) {
                tooLarge((long) length + n);
                return;
            }
            if (length + n > body.length) {
                body = Arrays.copyOf(body, Math.min(maxBytes, Math.max(length + n, body.length * 2 + 1024)));
            }
            content.getBytes(content.readerIndex(), body, length, n);
            length += n;
            if (msg instanceof LastHttpContent) {
                delivered = true; // this channel closing now is no failure: a redirect may go on
                exchange.onResponse(response.status(), response.headers(), Arrays.copyOf(body, length));
            }
        }
    }

    private void tooLarge(long bytes) {
        exchange.fail(new TrackerException(TrackerError.TOO_LARGE, null, null, maxBytes,
                "answer of " + bytes + " bytes or more (expected: <= " + maxBytes + ")", null));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!delivered) {
            exchange.fail(TrackerException.of(TrackerError.CONNECTION, "the connection closed before a complete answer"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!delivered) {
            exchange.fail(new TrackerException(TrackerError.CONNECTION, null, null, -1, String.valueOf(cause), cause));
        }
        ctx.close();
    }
}
