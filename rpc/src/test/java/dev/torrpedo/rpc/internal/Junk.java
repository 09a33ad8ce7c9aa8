package dev.torrpedo.rpc.internal;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Random junk for a JSON-RPC server: broken bytes, broken JSON, broken requests, and near-misses. */
final class Junk {
    private static final String[] METHODS = {"subtract", "sum", "echo", "later", "get_data", "engine.hello",
        "events.subscribe", "events.unsubscribe", "sync.get", "nope", "rpc.discover", "", "torrent.add"};
    private static final String VALID = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"subtract\",\"params\":[42,23]}";

    private final Random random;

    Junk(long seed) {
        random = new Random(seed);
    }

    /** One line (no newline in it). */
    byte[] next() {
        switch (random.nextInt(10)) {
            case 0:
                return noNewline(randomBytes(1 + random.nextInt(300)));
            case 1:
                return noNewline(mutate(VALID.getBytes(StandardCharsets.UTF_8)));
            case 2:
                return utf8(value(4));
            case 3:
                return utf8(request(METHODS[random.nextInt(METHODS.length)], value(3)));
            case 4:
                return utf8(request("subtract", random.nextBoolean() ? "[\"a\",{}]" : "{\"minuend\":[1],\"x\":true}"));
            case 5: {
                int depth = 60 + random.nextInt(200);
                return utf8("[".repeat(depth) + "]".repeat(random.nextInt(depth + 1)));
            }
            case 6:
                return utf8(request("echo", "[" + "9".repeat(900 + random.nextInt(300)) + "]"));
            case 7: {
                StringBuilder sb = new StringBuilder("[");
                int n = random.nextInt(20);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(random.nextBoolean() ? value(2)
                            : request(METHODS[random.nextInt(METHODS.length)], "[]"));
                }
                return utf8(sb.append(']').toString());
            }
            case 8: {
                byte[] b = request("echo", "[\"........\"]").getBytes(StandardCharsets.UTF_8);
                int at = b.length - 10 + random.nextInt(6);
                b[at] = (byte) (0x80 + random.nextInt(0x80));
                return b;
            }
            default:
                return noNewline(mutate(utf8(request(METHODS[random.nextInt(METHODS.length)], value(2)))));
        }
    }

    private String request(String method, String params) {
        String id = random.nextInt(4) == 0 ? "" : ",\"id\":" + (random.nextBoolean() ? random.nextInt() : "\"x\"");
        return "{\"jsonrpc\":\"2.0\"" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private String value(int depth) {
        int k = depth == 0 ? random.nextInt(5) : random.nextInt(7);
        switch (k) {
            case 0:
                return Integer.toString(random.nextInt());
            case 1:
                return "\"" + "s".repeat(random.nextInt(10)) + "\\u00e9\"";
            case 2:
                return random.nextBoolean() ? "true" : "null";
            case 3:
                return Double.toString(random.nextGaussian() * 1e10);
            case 4:
                return "-0.0e-7";
            case 5: {
                StringBuilder sb = new StringBuilder("[");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append(value(depth - 1));
                }
                return sb.append(']').toString();
            }
            default: {
                StringBuilder sb = new StringBuilder("{");
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append("\"k").append(i).append("\":").append(value(depth - 1));
                }
                return sb.append('}').toString();
            }
        }
    }

    private byte[] mutate(byte[] b) {
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] noNewline(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                b[i] = ' ';
            }
        }
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
