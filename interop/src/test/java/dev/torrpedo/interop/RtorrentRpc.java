package dev.torrpedo.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a running rtorrent ({@link RealPeers#rtorrent}) what it thinks, over its XML-RPC
 * interface: SCGI on the unix socket in its home directory, one request per connection.
 */
final class RtorrentRpc {
    private static final Pattern INTEGER = Pattern.compile("<(?:i4|i8|int)>(-?\\d+)</(?:i4|i8|int)>");
    private static final int MAX_REPLY = 1 << 20;

    private final Path home;

    private RtorrentRpc(Path home) {
        this.home = home;
    }

    /** The XML-RPC interface of the rtorrent {@code started} in {@code workDir}. */
    static RtorrentRpc of(Path workDir, RealPeers.Started started) {
        return new RtorrentRpc(RealPeers.rtorrentHome(workDir, started.port()));
    }

    /**
     * Whether rtorrent has checked the torrent whose v1 info-hash is {@code infoHashHex} and has
     * all of it. Fails if rtorrent has no torrent by that info-hash (it computed another one).
     */
    boolean isComplete(String infoHashHex) {
        String hash = infoHashHex.toUpperCase(Locale.ROOT);
        return integer("d.is_hash_checked", hash) == 1 && integer("d.complete", hash) == 1;
    }

    /** What rtorrent logged so far (for failure messages). */
    String log() {
        try {
            Path log = home.resolve("rtorrent.log");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long integer(String method, String target) {
        String reply = call(method, target);
        Matcher m = INTEGER.matcher(reply);
        if (reply.contains("<fault>") || !m.find()) {
            throw new AssertionError("rtorrent answered " + method + " " + target + " with:\n" + reply);
        }
        return Long.parseLong(m.group(1));
    }

    /** Calls {@code method} with one string parameter; returns the XML of the reply. */
    private String call(String method, String param) {
        byte[] body = ("<?xml version=\"1.0\"?><methodCall><methodName>" + method + "</methodName><params>"
                + "<param><value><string>" + param + "</string></value></param></params></methodCall>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] headers = ("CONTENT_LENGTH\0" + body.length + "\0SCGI\0" + "1\0").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((headers.length + ":").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(headers);
        request.write(',');
        request.writeBytes(body);
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(home.resolve("scgi.sock")));
            ByteBuffer out = ByteBuffer.wrap(request.toByteArray());
            while (out.hasRemaining()) {
                ch.write(out);
            }
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(8192);
            while (ch.read(in) >= 0) {
                reply.write(in.array(), 0, in.position());
                in.clear();
                if (reply.size() > MAX_REPLY) {
                    throw new AssertionError("rtorrent's reply to " + method + " exceeds " + MAX_REPLY + " bytes");
                }
            }
            return reply.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("rtorrent XML-RPC " + method, e);
        }
    }
}
