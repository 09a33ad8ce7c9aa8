package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.util.Map;

/** The -32602 errors of the engine's methods, each naming the parameter to blame. */
final class Checks {
    private static final int CLIP = 100;

    private Checks() {
    }

    /**
     * -32602 naming a parameter.
     *
     * @param param the parameter's path, e.g. {@code limits.downloadRate}
     * @param problem what is wrong, e.g. {@code "must be >= 0, got -1"}
     * @return the exception, with {@code data} {@code {"param"}}
     */
    static RpcException invalid(String param, String problem) {
        return new RpcException(RpcErrorCode.INVALID_PARAMS, "Invalid params: '" + param + "' " + problem,
                Map.of("param", param));
    }

    /**
     * A required parameter that the binder let through as null (only primitives are required there).
     *
     * @return {@code value}
     * @throws RpcException -32602 if it is null
     */
    static <T> T required(String param, T value) {
        if (value == null) {
            throw invalid(param, "missing required parameter");
        }
        return value;
    }

    /** {@code s}, cut to a length fit for naming a value in an error message. */
    static String clip(String s) {
        return clip(s, CLIP);
    }

    /** {@code s}, cut to at most {@code max} characters (and "..."). */
    static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
