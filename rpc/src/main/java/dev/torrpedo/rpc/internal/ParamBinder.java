package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Binds a request's {@code params} to a record, by name (an object) or by position (an
 * array; nested records only by name), with an {@link RpcErrorCode#INVALID_PARAMS} error
 * that names the parameter when anything does not fit. The plan is built once, at registration, so an unsupported
 * component type fails the build, not the first call.
 *
 * <p>Component types: {@code String}; {@code boolean}, {@code int}, {@code long},
 * {@code double} and their boxes (integers must be integral and in range, doubles finite);
 * {@code byte[]} (from a base64 string); enums (matched to the constant name ignoring case,
 * {@code _} and {@code -}, so {@code "fetchingMetadata"} is {@code FETCHING_METADATA});
 * {@code List<T>} and {@code Map<String, T>} of these; {@code Object} (any JSON value as
 * read); nested records. Primitive components are required; all others may be absent or
 * null (and are then null). Unknown names are rejected, so a misspelt parameter is an error
 * rather than silently ignored. {@link Void} stands for "no parameters".
 */
final class ParamBinder<P> {

    /** Converts one JSON value at a path; throws {@link RpcException}. */
    @FunctionalInterface
    private interface Converter {
        Object convert(Object json, Path path);
    }

    /** Where in the params a value is, for messages: {@code limits.downloadRate}, {@code files[2]}. */
    private record Path(Path parent, String name, int index) {
        Path child(String n) {
            return new Path(this, n, -1);
        }

        Path item(int i) {
            return new Path(this, null, i);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            append(sb);
            return sb.toString();
        }

        private void append(StringBuilder sb) {
            if (parent != null) {
                parent.append(sb);
            }
            if (name != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(name);
            } else if (index >= 0) {
                sb.append('[').append(index).append(']');
            }
        }
    }

    private static final Path ROOT = new Path(null, null, -1);

    private final Class<P> type;
    private final Converter converter;

    private ParamBinder(Class<P> type, Converter converter) {
        this.type = type;
        this.converter = converter;
    }

    /**
     * The binder for a parameter type.
     *
     * @param type a record class, or {@link Void}
     * @throws IllegalArgumentException if the type (or a component's type) is not supported
     */
    static <P> ParamBinder<P> of(Class<P> type) {
        if (type == Void.class) {
            return new ParamBinder<>(type, (json, path) -> {
                if (json != null && !(json instanceof Map && ((Map<?, ?>) json).isEmpty())
                        && !(json instanceof List && ((List<?>) json).isEmpty())) {
                    throw invalid(path, "this method takes no parameters");
                }
                return null;
            });
        }
        if (!type.isRecord()) {
            throw new IllegalArgumentException("parameter type must be a record or Void: " + type.getName());
        }
        return new ParamBinder<>(type, recordConverter(type, true));
    }

    Class<P> type() {
        return type;
    }

    /**
     * Binds params as read from the request: a Map, a List, or null when absent.
     *
     * @throws RpcException {@link RpcErrorCode#INVALID_PARAMS}
     */
    P bind(Object params) {
        return type.cast(converter.convert(params, ROOT));
    }

    private static Converter recordConverter(Class<?> type, boolean positional) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] raw = new Class<?>[components.length];
        String[] names = new String[components.length];
        Converter[] converters = new Converter[components.length];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < components.length; i++) {
            raw[i] = components[i].getType();
            names[i] = components[i].getName();
            converters[i] = converterFor(components[i].getGenericType(), type.getName() + "." + names[i]);
            index.put(names[i], i);
        }
        Constructor<?> ctor;
        try {
            ctor = type.getDeclaredConstructor(raw);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("no canonical constructor: " + type.getName(), e);
        }
        try {
            ctor.setAccessible(true);
        } catch (RuntimeException notOpen) {
            // a public record of an exported package needs none
        }
        return (json, path) -> {
            Object[] args = new Object[components.length];
            boolean[] given = new boolean[components.length];
            if (json instanceof Map) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
                    String key = (String) e.getKey();
                    Integer i = index.get(key);
                    if (i == null) {
                        throw invalid(path.child(key), "unknown parameter");
                    }
                    given[i] = e.getValue() != null || !raw[i].isPrimitive();
                    args[i] = convertComponent(converters[i], raw[i], e.getValue(), path.child(key));
                }
            } else if (positional && json instanceof List) {
                List<?> list = (List<?>) json;
                if (list.size() > components.length) {
                    throw invalid(path, "too many positional parameters: " + list.size() + " (expected: <= "
                            + components.length + ")");
                }
                for (int i = 0; i < list.size(); i++) {
                    given[i] = true;
                    args[i] = convertComponent(converters[i], raw[i], list.get(i), path.child(names[i]));
                }
            } else if (json != null) {
                throw invalid(path, "must be an object, got " + JsonTypes.name(json));
            }
            for (int i = 0; i < components.length; i++) {
                if (!given[i] && raw[i].isPrimitive()) {
                    throw invalid(path.child(names[i]), "missing required parameter");
                }
            }
            try {
                return ctor.newInstance(args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RpcException) {
                    throw (RpcException) cause;
                }
                if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                    throw new RpcException(RpcErrorCode.INVALID_PARAMS, RpcErrorCode.INVALID_PARAMS.title() + ": "
                            + cause.getMessage());
                }
                throw new IllegalStateException("constructor of " + type.getName() + " failed", cause);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot construct " + type.getName(), e);
            }
        };
    }

    private static Object convertComponent(Converter c, Class<?> raw, Object json, Path path) {
        if (json == null) {
            if (raw.isPrimitive()) {
                throw mismatch(path, primitiveName(raw), null);
            }
            return null;
        }
        return c.convert(json, path);
    }

    private static Converter converterFor(Type t, String where) {
        if (t instanceof Class) {
            Class<?> c = (Class<?>) t;
            if (c == String.class) {
                return (json, path) -> {
                    if (!(json instanceof String)) {
                        throw mismatch(path, "a string", json);
                    }
                    return json;
                };
            }
            if (c == boolean.class || c == Boolean.class) {
                return (json, path) -> {
                    if (!(json instanceof Boolean)) {
                        throw mismatch(path, "a boolean", json);
                    }
                    return json;
                };
            }
            if (c == int.class || c == Integer.class) {
                return (json, path) -> (int) integral(json, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            if (c == long.class || c == Long.class) {
                return (json, path) -> integral(json, path, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            if (c == double.class || c == Double.class) {
                return ParamBinder::finite;
            }
            if (c == byte[].class) {
                return (json, path) -> {
                    if (!(json instanceof String)) {
                        throw mismatch(path, "a base64 string", json);
                    }
                    try {
                        return Base64.getDecoder().decode((String) json);
                    } catch (IllegalArgumentException e) {
                        throw invalid(path, "is not valid base64: " + e.getMessage());
                    }
                };
            }
            if (c == Object.class) {
                return (json, path) -> json;
            }
            if (c.isEnum()) {
                return enumConverter(c);
            }
            if (c.isRecord()) {
                return recordConverter(c, false);
            }
            if (c == List.class || c == Map.class) {
                throw new IllegalArgumentException(where + ": raw " + c.getSimpleName() + " (give its type arguments)");
            }
        } else if (t instanceof ParameterizedType) {
            ParameterizedType pt = (ParameterizedType) t;
            if (pt.getRawType() == List.class) {
                Converter item = converterFor(pt.getActualTypeArguments()[0], where + "[]");
                return (json, path) -> {
                    if (!(json instanceof List)) {
                        throw mismatch(path, "an array", json);
                    }
                    List<?> in = (List<?>) json;
                    List<Object> out = new ArrayList<>(in.size());
                    for (int i = 0; i < in.size(); i++) {
                        Object v = in.get(i);
                        if (v == null) {
                            throw mismatch(path.item(i), "not null", null);
                        }
                        out.add(item.convert(v, path.item(i)));
                    }
                    return Collections.unmodifiableList(out);
                };
            }
            if (pt.getRawType() == Map.class && pt.getActualTypeArguments()[0] == String.class) {
                Converter value = converterFor(pt.getActualTypeArguments()[1], where + "{}");
                return (json, path) -> {
                    if (!(json instanceof Map)) {
                        throw mismatch(path, "an object", json);
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
                        String k = (String) e.getKey();
                        out.put(k, e.getValue() == null ? null : value.convert(e.getValue(), path.child(k)));
                    }
                    return Collections.unmodifiableMap(out);
                };
            }
        }
        throw new IllegalArgumentException(where + ": unsupported parameter type " + t.getTypeName());
    }

    private static Converter enumConverter(Class<?> c) {
        Object[] constants = c.getEnumConstants();
        Map<String, Object> byKey = new HashMap<>();
        List<String> wire = new ArrayList<>();
        for (Object k : constants) {
            String name = ((Enum<?>) k).name();
            byKey.put(enumKey(name), k);
            wire.add(JsonWriter.lowerCamel(name));
        }
        String expected = "one of " + wire;
        return (json, path) -> {
            if (!(json instanceof String)) {
                throw mismatch(path, expected, json);
            }
            Object k = byKey.get(enumKey((String) json));
            if (k == null) {
                throw invalid(path, "must be " + expected + ", got \"" + clip((String) json) + "\"");
            }
            return k;
        };
    }

    private static String enumKey(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static long integral(Object json, Path path, long min, long max) {
        String expected = "an integer in " + min + ".." + max;
        if (json instanceof Integer || json instanceof Long) {
            long v = ((Number) json).longValue();
            if (v < min || v > max) {
                throw mismatch(path, expected, json);
            }
            return v;
        }
        BigDecimal d;
        if (json instanceof BigInteger) {
            d = new BigDecimal((BigInteger) json);
        } else if (json instanceof BigDecimal) {
            d = (BigDecimal) json;
        } else if (json instanceof Double && Double.isFinite((Double) json)) {
            d = BigDecimal.valueOf((Double) json);
        } else {
            throw mismatch(path, expected, json);
        }
        long v;
        try {
            // longValueExact checks the magnitude before expanding, so 1e999999999 costs nothing
            v = d.longValueExact();
        } catch (ArithmeticException notIntegralOrTooLarge) {
            throw mismatch(path, expected, json);
        }
        if (v < min || v > max) {
            throw mismatch(path, expected, json);
        }
        return v;
    }

    private static Object finite(Object json, Path path) {
        if (!(json instanceof Number)) {
            throw mismatch(path, "a number", json);
        }
        double v = ((Number) json).doubleValue();
        if (!Double.isFinite(v)) {
            throw mismatch(path, "a finite number", json);
        }
        return v;
    }

    private static String primitiveName(Class<?> c) {
        if (c == boolean.class) {
            return "a boolean";
        }
        return c == double.class ? "a number" : "an integer";
    }

    private static RpcException mismatch(Path path, String expected, Object json) {
        String got = json instanceof Number ? "number " + clip(json.toString()) : JsonTypes.name(json);
        return invalid(path, "must be " + expected + ", got " + got);
    }

    private static RpcException invalid(Path path, String what) {
        String where = path.toString();
        if (where.isEmpty()) {
            return new RpcException(RpcErrorCode.INVALID_PARAMS, RpcErrorCode.INVALID_PARAMS.title() + ": params " + what);
        }
        return new RpcException(RpcErrorCode.INVALID_PARAMS,
                RpcErrorCode.INVALID_PARAMS.title() + ": '" + where + "' " + what, Map.of("param", where));
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
