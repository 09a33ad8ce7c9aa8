package dev.torrpedo.tracker;

import static dev.torrpedo.tracker.Loopback.await;
import static dev.torrpedo.tracker.Loopback.awaitFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.tracker.server.EmbeddedTracker;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scripted HTTP trackers on real loopback sockets: each fault ends as a {@link TrackerException}
 * of that tracker, and the same client then still announces to a sound tracker.
 */
class HttpTrackerFaultsTest {
    private static final byte[] OK_BODY = BencodeEncoder.encode(BDictionary.builder()
            .put("interval", 900).put("peers", new byte[] {127, 0, 0, 1, 0x1a, (byte) 0xe1}).build());

    private Loopback loopback;
    private HttpTrackerClient client;
    private EmbeddedTracker sound;

    @BeforeEach
    void start() {
        loopback = new Loopback();
        client = loopback.http(Loopback.SETTINGS.toBuilder().maxResponseBytes(64 * 1024).build());
        sound = await(loopback.tracker().build().start(0));
    }

    @AfterEach
    void stop() {
        // nothing else broke: the same client still works against a sound tracker
        await(client.announce(sound.httpAnnounceUrl(), request()));
        client.close();
        sound.close();
        loopback.close();
    }

    private static AnnounceRequest request() {
        return Loopback.request(Loopback.hash(9), Loopback.peer(9), 6881, 0);
    }

    private TrackerException failure(ScriptedHttpServer.Script script) {
        try (ScriptedHttpServer server = new ScriptedHttpServer(loopback.group, script)) {
            URI url = server.url("/announce");
            TrackerException e = awaitFailure(client.announce(url, request()));
            assertEquals(url, e.tracker());
            return e;
        }
    }

    private static void ok(Channel ch, String extraHeaders, byte[] body) {
        ScriptedHttpServer.write(ch, "HTTP/1.1 200 OK\nContent-Length: " + body.length + "\n" + extraHeaders, body, true);
    }

    @Test
    void silenceTimesOut() {
        try (HttpTrackerClient impatient = loopback.http(Loopback.SETTINGS.toBuilder()
                .requestTimeout(Duration.ofMillis(300)).build());
             ScriptedHttpServer server = new ScriptedHttpServer(loopback.group, (line, ch) -> { })) {
            TrackerException e = awaitFailure(impatient.announce(server.url("/announce"), request()));
            assertEquals(TrackerError.TIMEOUT, e.error());
            assertEquals(1, server.requests.size());
        }
    }

    @Test
    void status500IsAnHttpStatusError() {
        TrackerException e = failure((line, ch) -> ScriptedHttpServer.write(ch,
                "HTTP/1.1 500 Internal Server Error\nContent-Length: 5\n", "oops!".getBytes(StandardCharsets.US_ASCII), true));
        assertEquals(TrackerError.HTTP_STATUS, e.error());
        assertTrue(e.getMessage().contains("500"), e.getMessage());
    }

    @Test
    void aFailureReasonWithAnErrorStatusIsAFailure() {
        byte[] body = "d14:failure reason9:forbiddene".getBytes(StandardCharsets.US_ASCII);
        TrackerException e = failure((line, ch) -> ScriptedHttpServer.write(ch,
                "HTTP/1.1 403 Forbidden\nContent-Length: " + body.length + "\n", body, true));
        assertEquals(TrackerError.FAILURE, e.error());
        assertTrue(e.detail().startsWith("forbidden"), e.detail());
    }

    @Test
    void invalidBencodingIsMalformedWithItsOffset() {
        TrackerException e = failure((line, ch) -> ok(ch, "", "d8:intervali9x9ee".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(TrackerError.MALFORMED, e.error());
        assertTrue(e.offset() >= 0, e.getMessage());
    }

    @Test
    void failureReasonIsAFailure() {
        TrackerException e = failure((line, ch) -> ok(ch, "",
                "d14:failure reason20:torrent not on lista8:intervali5ee".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(TrackerError.FAILURE, e.error());
        assertEquals("torrent not on lista", e.detail());
    }

    @Test
    void aGzipBombIsRefusedAfterTheLimit() {
        byte[] bomb = gzip(new byte[16 * 1024 * 1024]); // 16 MiB of zeros, ~16 KiB on the wire
        assertTrue(bomb.length < 64 * 1024);
        TrackerException e = failure((line, ch) -> ok(ch, "Content-Encoding: gzip\n", bomb));
        assertEquals(TrackerError.TOO_LARGE, e.error());
    }

    @Test
    void gzipBodiesAreDecoded() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(loopback.group,
                (line, ch) -> ok(ch, "Content-Encoding: gzip\n", gzip(OK_BODY)))) {
            AnnounceResponse r = await(client.announce(server.url("/announce"), request()));
            assertEquals(List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881)), r.peers());
            assertEquals(Duration.ofSeconds(900), r.interval());
            assertTrue(server.requests.get(0).startsWith("GET /announce?info_hash=%25%26"), server.requests.get(0));
        }
    }

    @Test
    void aRedirectLoopStopsAfterThreeRedirects() {
        ScriptedHttpServer[] self = new ScriptedHttpServer[1];
        try (ScriptedHttpServer server = new ScriptedHttpServer(loopback.group, (line, ch) -> ScriptedHttpServer.write(ch,
                "HTTP/1.1 302 Found\nLocation: " + self[0].url("/announce?again") + "\nContent-Length: 0\n",
                new byte[0], true))) {
            self[0] = server;
            TrackerException e = awaitFailure(client.announce(server.url("/announce"), request()));
            assertEquals(TrackerError.REDIRECT, e.error());
            assertEquals(4, server.requests.size(), server.requests.toString()); // the first and three redirects
        }
    }

    @Test
    void relativeRedirectsAreFollowed() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(loopback.group, (line, ch) -> {
            if (line.startsWith("GET /announce")) {
                ScriptedHttpServer.write(ch, "HTTP/1.1 301 Moved\nLocation: /moved/announce?x=1\nContent-Length: 0\n",
                        new byte[0], true);
            } else {
                ok(ch, "", OK_BODY);
            }
        })) {
            AnnounceResponse r = await(client.announce(server.url("/announce"), request()));
            assertEquals(1, r.peers().size());
            assertTrue(server.requests.get(1).startsWith("GET /moved/announce?x=1 "), server.requests.toString());
        }
    }

    @Test
    void aDeclaredOversizeBodyIsRefusedBeforeItIsRead() {
        TrackerException e = failure((line, ch) -> ScriptedHttpServer.write(ch,
                "HTTP/1.1 200 OK\nContent-Length: 99999999\n", new byte[10], false));
        assertEquals(TrackerError.TOO_LARGE, e.error());
    }

    @Test
    void aStreamedOversizeBodyIsRefused() {
        TrackerException e = failure((line, ch) -> {
            ScriptedHttpServer.write(ch, "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n", new byte[0], false);
            for (int i = 0; i < 20; i++) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(("2000\r\n" + "x".repeat(0x2000) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
            }
        });
        assertEquals(TrackerError.TOO_LARGE, e.error());
    }

    @Test
    void aConnectionClosedMidBodyIsAConnectionError() {
        TrackerException e = failure((line, ch) -> ScriptedHttpServer.write(ch,
                "HTTP/1.1 200 OK\nContent-Length: 100\n", "d8:interv".getBytes(StandardCharsets.US_ASCII), true));
        assertEquals(TrackerError.CONNECTION, e.error());
    }

    @Test
    void garbageInsteadOfHttpIsMalformed() {
        TrackerException e = failure((line, ch) -> ScriptedHttpServer.write(ch,
                "SSH-2.0-OpenSSH_9.2\n\n", new byte[0], true));
        assertTrue(e.error() == TrackerError.MALFORMED || e.error() == TrackerError.CONNECTION, e.getMessage());
    }

    @Test
    void aResponseDribbledByteByByteIsReadWhole() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(loopback.group, (line, ch) -> {
            byte[] head = ("HTTP/1.1 200 OK\r\nContent-Length: " + OK_BODY.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[head.length + OK_BODY.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(OK_BODY, 0, all, head.length, OK_BODY.length);
            for (byte b : all) {
                ch.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {b}));
            }
        })) {
            assertEquals(1, await(client.announce(server.url("/announce"), request())).peers().size());
        }
    }

    @Test
    void aBodyEndedByCloseWithoutLengthIsRead() {
        try (ScriptedHttpServer server = new ScriptedHttpServer(loopback.group,
                (line, ch) -> ScriptedHttpServer.write(ch, "HTTP/1.0 200 OK\n", OK_BODY, true))) {
            assertEquals(1, await(client.announce(server.url("/announce"), request())).peers().size());
        }
    }

    @Test
    void aClosedPortIsAConnectionError() {
        URI url = URI.create("http://127.0.0.1:" + Loopback.closedPort() + "/announce");
        assertEquals(TrackerError.CONNECTION, awaitFailure(client.announce(url, request())).error());
    }

    @Test
    void anUnknownHostIsAResolveError() {
        // no DNS here: a resolver that knows no names stands in for a lookup that fails
        io.netty.resolver.AddressResolverGroup<InetSocketAddress> noNames = new io.netty.resolver.AddressResolverGroup<>() {
            @Override
            protected io.netty.resolver.AddressResolver<InetSocketAddress> newResolver(
                    io.netty.util.concurrent.EventExecutor executor) {
                return new io.netty.resolver.InetSocketAddressResolver(executor, new io.netty.resolver.InetNameResolver(executor) {
                    @Override
                    protected void doResolve(String host, io.netty.util.concurrent.Promise<InetAddress> promise) {
                        promise.setFailure(new java.net.UnknownHostException(host));
                    }

                    @Override
                    protected void doResolveAll(String host, io.netty.util.concurrent.Promise<List<InetAddress>> promise) {
                        promise.setFailure(new java.net.UnknownHostException(host));
                    }
                });
            }
        };
        try (HttpTrackerClient c = HttpTrackerClient.builder(loopback.group, io.netty.channel.socket.nio.NioSocketChannel::new)
                .settings(Loopback.SETTINGS).resolver(noNames).build()) {
            URI url = URI.create("http://no-such-host.invalid/announce");
            assertEquals(TrackerError.RESOLVE, awaitFailure(c.announce(url, request())).error());
        }
    }

    @Test
    void aTrackerWithoutScrapeSupportSaysSo() {
        URI url = URI.create("http://127.0.0.1:1/tracker.php");
        TrackerException e = awaitFailure(client.scrape(url, List.of(Loopback.hash(1))));
        assertEquals(TrackerError.UNSUPPORTED, e.error());
    }

    @Test
    void scrapeGoesToTheBep48Url() {
        byte[] body = BencodeEncoder.encode(BDictionary.builder().put("files", BDictionary.builder()
                .put(Loopback.hash(1).wire(), BDictionary.builder().put("complete", 3).put("downloaded", 7)
                        .put("incomplete", 2).build()).build()).build());
        try (ScriptedHttpServer server = new ScriptedHttpServer(loopback.group, (line, ch) -> ok(ch, "", body))) {
            ScrapeResponse r = await(client.scrape(server.url("/x/announce.php?passkey=abc"), List.of(Loopback.hash(1))));
            assertEquals(new ScrapeStats(3, 7, 2), r.files().get(Loopback.hash(1)));
            assertTrue(server.requests.get(0).startsWith("GET /x/scrape.php?passkey=abc&info_hash=%25%26"),
                    server.requests.get(0));
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
