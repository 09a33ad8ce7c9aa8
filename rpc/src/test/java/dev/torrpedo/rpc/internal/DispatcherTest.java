package dev.torrpedo.rpc.internal;

import static dev.torrpedo.rpc.internal.Fixtures.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden request/response pairs: the examples of the JSON-RPC 2.0 specification (section 7)
 * and one pair for every error class. Responses are compared byte for byte.
 */
class DispatcherTest {
    private final DefaultRpcServer server = Fixtures.server();
    private final Connection client = server.connect();

    @AfterEach
    void close() {
        server.close();
    }

    private String call(String request) {
        return Fixtures.call(server, client, request);
    }

    @Test
    void positionalAndNamedParameters() {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":19}",
                call("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42, 23], \"id\": 1}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":-19}",
                call("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [23, 42], \"id\": 2}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":19}",
                call("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"subtrahend\": 23, \"minuend\": 42}, \"id\": 3}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":19}",
                call("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": {\"minuend\": 42, \"subtrahend\": 23}, \"id\": 4}"));
    }

    @Test
    void notificationsAreNeverAnswered() {
        assertNull(call("{\"jsonrpc\": \"2.0\", \"method\": \"update\", \"params\": [1,2,3,4,5]}"));
        assertNull(call("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\"}"));
        assertNull(call("{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [\"x\"]}"));
        assertNull(call("{\"jsonrpc\": \"2.0\", \"method\": \"fail\", \"params\": {\"kind\": \"bug\"}}"));
        assertNull(call("[{\"jsonrpc\": \"2.0\", \"method\": \"notify_sum\", \"params\": [1,2,4]},"
                + "{\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]}]"));
        assertEquals(0, client.inFlight());
    }

    @Test
    void methodNotFound() {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"error\":{\"code\":-32601,\"message\":\"Method not found: foobar\","
                        + "\"data\":{\"method\":\"foobar\"}}}",
                call("{\"jsonrpc\": \"2.0\", \"method\": \"foobar\", \"id\": \"1\"}"));
    }

    @Test
    void invalidJson() {
        String r = call("{\"jsonrpc\": \"2.0\", \"method\": \"foobar, \"params\": \"bar\", \"baz]");
        assertTrue(r.startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: "), r);
        assertTrue(r.contains("\"data\":{\"reason\":\"syntax\",\"offset\":"), r);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: more than one JSON"
                        + " value (trailing content at byte 3)\",\"data\":{\"reason\":\"syntax\",\"offset\":3}}}",
                call("{} {}"));
    }

    @Test
    void duplicateKeysAreRejected() {
        String r = call("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[1,1],\"id\":1,\"id\":2}");
        assertTrue(r.startsWith("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,"), r);
        assertTrue(r.contains("Duplicate"), r);
    }

    @Test
    void invalidUtf8() {
        byte[] b = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"..\"],\"id\":1}".getBytes(StandardCharsets.US_ASCII);
        b[42] = (byte) 0xC0; // overlong
        b[43] = (byte) 0xAE;
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: invalid UTF-8 at"
                + " byte 42\",\"data\":{\"reason\":\"utf8\",\"offset\":42}}}", Fixtures.call(server, client, b));
        byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: invalid UTF-8 at"
                + " byte 1\",\"data\":{\"reason\":\"utf8\",\"offset\":1}}}", Fixtures.call(server, client, surrogate));
    }

    @Test
    void nulBytesAreNotTakenForUtf16Or32() {
        // jackson would guess UTF-32 from the zeros (found by the fuzzer)
        byte[] b = {'[', 0, 0, 0, '[', 'Z', '[', '['};
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: NUL byte at"
                + " byte 1\",\"data\":{\"reason\":\"syntax\",\"offset\":1}}}", Fixtures.call(server, client, b));
        byte[] utf16 = "\"x\"".getBytes(StandardCharsets.UTF_16BE);
        assertTrue(Fixtures.call(server, client, utf16).contains("NUL byte at byte 0"));
    }

    @Test
    void nestingDeeperThan64IsRefusedWhileParsing() {
        String ok = "[".repeat(62) + "]".repeat(62);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + ok + "}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[" + ok + "],\"id\":1}"),
                "64 levels: the request object, params and 62 more");
        String deep = "[".repeat(63) + "]".repeat(63);
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: nested deeper"
                        + " than 64 at byte 105\",\"data\":{\"reason\":\"depth\",\"offset\":105,\"limit\":64}}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[" + deep + "],\"id\":1}"));
        // a million opening brackets: refused at the 65th, nothing of the rest is built
        String r = call("[".repeat(1_000_000));
        assertTrue(r.contains("\"reason\":\"depth\",\"offset\":64,"), r);
    }

    @Test
    void tooLongMessage() {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"Parse error: message of more"
                        + " than 1048576 bytes (expected: <= 1048576)\",\"data\":{\"reason\":\"size\",\"limit\":1048576}}}",
                Fixtures.string(server.dispatcher().tooLong(5_000_000)));
        byte[] big = new byte[(1 << 20) + 1];
        assertTrue(Fixtures.call(server, client, big).contains("\"reason\":\"size\""));
    }

    @Test
    void invalidRequestObjects() {
        String invalid = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: ";
        assertEquals(invalid + "\\\"method\\\" must be a string, got number\"}}",
                call("{\"jsonrpc\": \"2.0\", \"method\": 1, \"params\": \"bar\"}"));
        assertEquals(invalid + "expected a request object, got number\"}}", call("1"));
        assertEquals(invalid + "expected a request object, got string\"}}", call("\"x\""));
        assertEquals(invalid + "empty batch\"}}", call("[]"));
        assertEquals(invalid + "\\\"id\\\" must be a string, a number or null, got object\"}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"id\":{\"a\":1}}"));
        assertEquals(invalid + "\\\"id\\\" must be a string, a number or null, got boolean\"}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"id\":true}"));
        // an id that could be read is echoed
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: \\\"jsonrpc\\\""
                + " must be \\\"2.0\\\"\"}}", call("{\"jsonrpc\":\"1.0\",\"method\":\"get_data\",\"id\":7}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":8,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: \\\"params\\\""
                + " must be an object or an array, got string\"}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"params\":\"x\",\"id\":8}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: \\\"params\\\""
                + " must be an object or an array, got null\"}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"params\":null,\"id\":9}"));
    }

    @Test
    void batches() {
        assertEquals("[{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: expected a"
                + " request object, got number\"}},{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":"
                + "\"Invalid Request: expected a request object, got number\"}},{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":"
                + "{\"code\":-32600,\"message\":\"Invalid Request: expected a request object, got number\"}}]", call("[1,2,3]"));
        assertEquals("[{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":7},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":\"2\",\"result\":19},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: \\\"jsonrpc\\\""
                        + " must be \\\"2.0\\\"\"}},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":\"5\",\"error\":{\"code\":-32601,\"message\":\"Method not found: foo.get\","
                        + "\"data\":{\"method\":\"foo.get\"}}},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":\"9\",\"result\":[\"hello\",5]}]",
                call("[{\"jsonrpc\": \"2.0\", \"method\": \"sum\", \"params\": [1,2,4], \"id\": \"1\"},"
                        + "{\"jsonrpc\": \"2.0\", \"method\": \"notify_hello\", \"params\": [7]},"
                        + "{\"jsonrpc\": \"2.0\", \"method\": \"subtract\", \"params\": [42,23], \"id\": \"2\"},"
                        + "{\"foo\": \"boo\"},"
                        + "{\"jsonrpc\": \"2.0\", \"method\": \"foo.get\", \"params\": {\"name\": \"myself\"}, \"id\": \"5\"},"
                        + "{\"jsonrpc\": \"2.0\", \"method\": \"get_data\", \"id\": \"9\"}]"));
        // answers keep the order of the requests even when a later one completes first
        assertEquals("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"b\"}]",
                call("[{\"jsonrpc\":\"2.0\",\"method\":\"later\",\"params\":[\"a\"],\"id\":1},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"b\"],\"id\":2}]"));
        String tooMany = "[" + "{\"jsonrpc\":\"2.0\",\"method\":\"get_data\"},".repeat(256) + "1]";
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"Invalid Request: batch of 257"
                + " requests (expected: <= 256)\",\"data\":{\"limit\":256}}}", call(tooMany));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"abc\"                       | \"abc\"",
        "\"\"                          | \"\"",
        "\"\\u00e9\\u2713\"            | \"é✓\"",
        "0                             | 0",
        "-1                            | -1",
        "2147483648                    | 2147483648",
        "12345678901234567890123       | 12345678901234567890123",
        "1.5                           | 1.5",
        "1e400                         | 1E+400",
        "null                          | null",
    })
    void idsOfEveryTypeAreEchoed(String sent, String echoed) {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + echoed + ",\"result\":[\"hello\",5]}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"id\":" + sent + "}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + echoed + ",\"error\":{\"code\":-32601,\"message\":\"Method not found: x\","
                + "\"data\":{\"method\":\"x\"}}}", call("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":" + sent + "}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"minuend\":\"42\",\"subtrahend\":1} | 'minuend' must be an integer in -2147483648..2147483647, got string | minuend",
        "{\"minuend\":42}                      | 'subtrahend' missing required parameter                           | subtrahend",
        "{\"minuend\":42,\"subtrahend\":null}  | 'subtrahend' must be an integer, got null                         | subtrahend",
        "{\"minuend\":42,\"subtrahend\":1,\"x\":1} | 'x' unknown parameter                                         | x",
        "{\"minuend\":4.5,\"subtrahend\":1}    | 'minuend' must be an integer in -2147483648..2147483647, got number 4.5 | minuend",
        "{\"minuend\":3000000000,\"subtrahend\":1} | 'minuend' must be an integer in -2147483648..2147483647, got number 3000000000 | minuend",
    })
    void wrongParamsNameTheParameter(String params, String message, String param) {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Invalid params: " + message
                        + "\",\"data\":{\"param\":\"" + param + "\"}}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":" + params + ",\"id\":1}"));
    }

    @Test
    void wrongParamsShapes() {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params too many"
                        + " positional parameters: 3 (expected: <= 2)\"}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[1,2,3],\"id\":1}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Invalid params: params this method"
                        + " takes no parameters\"}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"get_data\",\"params\":[1],\"id\":1}"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":19}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":{\"minuend\":42.0,\"subtrahend\":2.3e1},\"id\":1}"),
                "integral numbers written with a fraction or exponent are integers");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "notFound       | -32001 | no torrent 0123456789abcdef0123456789abcdef01234567 | ,\"data\":{\"kind\":\"torrent\",\"id\":\"0123456789abcdef0123456789abcdef01234567\"}",
        "invalidTorrent | -32002 | info dictionary: missing 'piece length'             | ''",
        "duplicate      | -32003 | torrent 0123456789abcdef0123456789abcdef01234567 is already in the session | ,\"data\":{\"id\":\"0123456789abcdef0123456789abcdef01234567\"}",
        "io             | -32004 | I/O error: disk full                                | ''",
        "uncheckedIo    | -32004 | I/O error: java.io.IOException: disk full           | ''",
        "path           | -32005 | path is outside the allowed roots: /etc             | ,\"data\":{\"path\":\"/etc\"}",
        "argument       | -32602 | Invalid params: file index 9 (expected: < 3)        | ''",
        "bug            | -32603 | Internal error: IllegalStateException: oops         | ''",
        "async          | -32001 | no torrent ab                                       | ,\"data\":{\"kind\":\"torrent\",\"id\":\"ab\"}",
        "unwritable     | -32603 | Internal error: the result could not be written as JSON | ''",
    })
    void applicationErrors(String kind, int code, String message, String data) {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"" + data + "}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"fail\",\"params\":{\"kind\":\"" + kind + "\"},\"id\":1}"));
    }

    @Test
    void afterShutdownBeginsRequestsAreRefused() {
        server.shutdown().join();
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32006,\"message\":\"Shutting down: subtract not run\"}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"subtract\",\"params\":[1,1],\"id\":1}"));
    }

    @Test
    void resultsOfEveryJsonType() {
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":[1,2.5,\"x\",true,null,{}],\"b\":\"\\n\\u0000\"}}",
                call("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"value\":{\"a\":[1,2.5,\"x\",true,null,{}],"
                        + "\"b\":\"\\n\\u0000\"}},\"id\":1}"));
        assertEquals(Map.of("jsonrpc", "2.0", "id", 1, "result", List.of()),
                Fixtures.map(call("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[[]],\"id\":1}")));
    }
}
