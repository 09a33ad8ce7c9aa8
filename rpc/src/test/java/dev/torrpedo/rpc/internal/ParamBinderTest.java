package dev.torrpedo.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamBinderTest {

    enum State { DOWNLOADING, FETCHING_METADATA }

    record Limits(long downloadRate, Long uploadRate) {
    }

    record Everything(String s, boolean flag, int i, long l, double d, State state, List<Integer> list,
                      Map<String, Object> map, Limits limits, byte[] bytes, Object any, List<Limits> many,
                      Map<String, Long> rates) {
    }

    record Checked(int n) {
        Checked {
            if (n < 0) {
                throw new IllegalArgumentException("n: " + n + " (expected: >= 0)");
            }
        }
    }

    record Unsupported(Set<String> set) {
    }

    record RawList(@SuppressWarnings("rawtypes") List list) {
    }

    private static <P> P bind(Class<P> type, String json) {
        byte[] b = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            return ParamBinder.of(type).bind(new JsonReader(64, 1 << 20).read(b, 0, b.length));
        } catch (UnreadableMessage e) {
            throw new AssertionError(e);
        }
    }

    private static String error(Class<?> type, String json) {
        RpcException e = assertThrows(RpcException.class, () -> bind(type, json));
        assertEquals(RpcErrorCode.INVALID_PARAMS, e.code());
        return e.getMessage();
    }

    @Test
    void bindsEveryType() {
        Everything e = bind(Everything.class, "{\"s\":\"x\",\"flag\":true,\"i\":-3,\"l\":9007199254740993,\"d\":0.5,"
                + "\"state\":\"fetchingMetadata\",\"list\":[1,2],\"map\":{\"k\":[1]},\"limits\":{\"downloadRate\":100},"
                + "\"bytes\":\"AAEC\",\"any\":{\"x\":null},\"many\":[{\"downloadRate\":1,\"uploadRate\":2}],"
                + "\"rates\":{\"a\":5,\"b\":null}}");
        assertEquals("x", e.s());
        assertTrue(e.flag());
        assertEquals(-3, e.i());
        assertEquals(9007199254740993L, e.l());
        assertEquals(0.5, e.d());
        assertEquals(State.FETCHING_METADATA, e.state());
        assertEquals(List.of(1, 2), e.list());
        assertEquals(Map.of("k", List.of(1)), e.map());
        assertEquals(new Limits(100, null), e.limits());
        assertArrayEquals(new byte[] {0, 1, 2}, e.bytes());
        assertEquals(List.of(new Limits(1, 2L)), e.many());
        assertEquals(5L, e.rates().get("a"));
        assertTrue(e.rates().containsKey("b"));
        assertEquals(State.DOWNLOADING, bind(Everything.class, "{\"flag\":false,\"i\":0,\"l\":0,\"d\":0,\"state\":\"DOWNLOADING\"}").state());
    }

    @Test
    void absentReferencesAreNull() {
        Limits l = bind(Limits.class, "{\"downloadRate\":1}");
        assertNull(l.uploadRate());
        assertEquals(new Limits(1, 2L), bind(Limits.class, "[1,2]"));
        assertNull(bind(Limits.class, "{\"downloadRate\":1,\"uploadRate\":null}").uploadRate());
    }

    @Test
    void errorsNameTheNestedParameter() {
        assertEquals("Invalid params: 'limits.downloadRate' must be an integer in -9223372036854775808..9223372036854775807,"
                + " got string", error(Everything.class, "{\"flag\":false,\"i\":0,\"l\":0,\"d\":0,\"limits\":{\"downloadRate\":\"x\"}}"));
        assertEquals("Invalid params: 'many[1].downloadRate' missing required parameter",
                error(Everything.class, "{\"flag\":false,\"i\":0,\"l\":0,\"d\":0,\"many\":[{\"downloadRate\":1},{}]}"));
        assertEquals("Invalid params: 'list[0]' must be not null, got null",
                error(Everything.class, "{\"flag\":false,\"i\":0,\"l\":0,\"d\":0,\"list\":[null]}"));
        assertEquals("Invalid params: 'state' must be one of [downloading, fetchingMetadata], got \"seeding\"",
                error(Everything.class, "{\"flag\":false,\"i\":0,\"l\":0,\"d\":0,\"state\":\"seeding\"}"));
        assertEquals("Invalid params: 'bytes' is not valid base64: Illegal base64 character 21",
                error(Everything.class, "{\"flag\":false,\"i\":0,\"l\":0,\"d\":0,\"bytes\":\"!!\"}"));
        assertEquals("Invalid params: 'd' must be a finite number, got number 1E+400",
                error(Everything.class, "{\"flag\":false,\"i\":0,\"l\":0,\"d\":1e400}"));
        assertEquals("Invalid params: 'l' must be an integer in -9223372036854775808..9223372036854775807, got number 1E+999999999",
                error(Everything.class, "{\"flag\":false,\"i\":0,\"l\":1e999999999,\"d\":0}"));
        assertEquals("Invalid params: 'flag' must be a boolean, got number 1",
                error(Everything.class, "{\"flag\":1,\"i\":0,\"l\":0,\"d\":0}"));
        assertEquals("Invalid params: 'limits' must be an object, got array",
                error(Everything.class, "{\"flag\":false,\"i\":0,\"l\":0,\"d\":0,\"limits\":[1]}"));
    }

    @Test
    void aConstructorsOwnCheckIsAnInvalidParamsError() {
        assertEquals("Invalid params: n: -1 (expected: >= 0)", error(Checked.class, "{\"n\":-1}"));
    }

    @Test
    void unsupportedTypesFailAtRegistration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParamBinder.of(Unsupported.class));
        assertTrue(e.getMessage().contains("set: unsupported parameter type java.util.Set<java.lang.String>"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParamBinder.of(RawList.class));
        assertThrows(IllegalArgumentException.class, () -> ParamBinder.of(String.class));
    }
}
