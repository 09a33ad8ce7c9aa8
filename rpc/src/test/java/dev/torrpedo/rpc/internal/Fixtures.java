package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.RpcException;
import dev.torrpedo.rpc.RpcServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A server with the methods of the JSON-RPC 2.0 specification's examples and a few that fail on purpose. */
final class Fixtures {
    private Fixtures() {
    }

    record Subtract(int minuend, int subtrahend) {
    }

    record Sum(int a, Integer b, Integer c) {
    }

    record Update(Integer a, Integer b, Integer c, Integer d, Integer e) {
    }

    record Echo(Object value) {
    }

    record Fail(String kind) {
    }

    static RpcServer.Builder builder() {
        return RpcServer.builder()
                .engineVersion("test")
                .method("subtract", Subtract.class, p -> p.minuend() - p.subtrahend())
                .method("sum", Sum.class, p -> p.a() + (p.b() == null ? 0 : p.b()) + (p.c() == null ? 0 : p.c()))
                .method("update", Update.class, p -> null)
                .method("notify_hello", Update.class, p -> null)
                .method("get_data", Void.class, p -> List.of("hello", 5))
                .method("echo", Echo.class, Echo::value)
                .method("later", Echo.class, p -> CompletableFuture.supplyAsync(p::value))
                .method("fail", Fail.class, Fixtures::fail);
    }

    private static Object fail(Fail p) throws Exception {
        switch (p.kind()) {
            case "notFound":
                throw RpcException.notFound("torrent", "0123456789abcdef0123456789abcdef01234567");
            case "invalidTorrent":
                throw RpcException.invalidTorrent("info dictionary: missing 'piece length'");
            case "duplicate":
                throw RpcException.duplicate("0123456789abcdef0123456789abcdef01234567");
            case "io":
                throw new IOException("disk full");
            case "uncheckedIo":
                throw new UncheckedIOException(new IOException("disk full"));
            case "path":
                throw RpcException.pathNotAllowed("/etc");
            case "argument":
                throw new IllegalArgumentException("file index 9 (expected: < 3)");
            case "bug":
                throw new IllegalStateException("oops");
            case "async":
                return CompletableFuture.failedFuture(RpcException.notFound("torrent", "ab"));
            case "unwritable":
                return new Object();
            default:
                return "no failure";
        }
    }

    static DefaultRpcServer server() {
        return (DefaultRpcServer) builder().build();
    }

    /** Runs one message through the dispatcher; the answer as a string, or null. */
    static String call(DefaultRpcServer server, Client client, String message) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        return string(server.dispatcher().handle(b, 0, b.length, client).join());
    }

    static String call(DefaultRpcServer server, Client client, byte[] message) {
        return string(server.dispatcher().handle(message, 0, message.length, client).join());
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String json) {
        try {
            return (Map<String, Object>) com.fasterxml.jackson.jr.ob.JSON.std.anyFrom(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object json(String json) {
        try {
            return com.fasterxml.jackson.jr.ob.JSON.std.anyFrom(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
