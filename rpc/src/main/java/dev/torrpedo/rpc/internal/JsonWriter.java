package dev.torrpedo.rpc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the values handlers return as compact JSON on one line (JSON escapes every control
 * character, so a message never contains a raw newline). Values: null, Boolean, Number
 * (non-finite written as null), CharSequence, Character, Enum (as lowerCamelCase of its
 * name), Optional, Map with string keys, Iterable, arrays, records (components in declaration
 * order). Anything else, or nesting past {@link #MAX_DEPTH} (a cycle), is an
 * {@link IllegalArgumentException}. Thread-safe.
 */
final class JsonWriter {
    static final int MAX_DEPTH = 256;

    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] methods = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                methods[i] = components[i].getAccessor();
                try {
                    methods[i].setAccessible(true);
                } catch (RuntimeException notOpen) {
                    // public records of exported packages need no setAccessible
                }
            }
            return methods;
        }
    };

    private static final ClassValue<String[]> ENUM_NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
                names[i] = lowerCamel(((Enum<?>) constants[i]).name());
            }
            return names;
        }
    };

    private final JsonFactory factory = JsonFactory.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    /** Something that writes one JSON text to a generator. */
    @FunctionalInterface
    interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    /**
     * The bytes of one JSON text (no trailing newline).
     *
     * @throws IllegalArgumentException if a value cannot be written as JSON
     */
    byte[] toBytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = factory.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The bytes of one value. */
    byte[] valueBytes(Object value) {
        return toBytes(g -> writeValue(g, value));
    }

    /** Writes one value. */
    void writeValue(JsonGenerator g, Object v) throws IOException {
        writeValue(g, v, 0);
    }

    private void writeValue(JsonGenerator g, Object v, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " (a cycle?)");
        }
        if (v == null) {
            g.writeNull();
        } else if (v instanceof CharSequence || v instanceof Character) {
            g.writeString(v.toString());
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Number) {
            writeNumber(g, (Number) v);
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("map key is not a string: " + e.getKey());
                }
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue(), depth + 1);
            }
            g.writeEndObject();
        } else if (v instanceof Iterable) {
            g.writeStartArray();
            for (Object item : (Iterable<?>) v) {
                writeValue(g, item, depth + 1);
            }
            g.writeEndArray();
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                writeValue(g, Array.get(v, i), depth + 1);
            }
            g.writeEndArray();
        } else if (v instanceof Enum) {
            Enum<?> e = (Enum<?>) v;
            g.writeString(ENUM_NAMES.get(e.getDeclaringClass())[e.ordinal()]);
        } else if (v instanceof Optional) {
            writeValue(g, ((Optional<?>) v).orElse(null), depth);
        } else if (v instanceof Record) {
            writeRecord(g, (Record) v, depth);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
        }
    }

    private void writeRecord(JsonGenerator g, Record r, int depth) throws IOException {
        Method[] accessors = ACCESSORS.get(r.getClass());
        g.writeStartObject();
        for (Method m : accessors) {
            Object value;
            try {
                value = m.invoke(r);
            } catch (IllegalAccessException e) {
                throw new IllegalArgumentException("record " + r.getClass().getName() + " is not accessible", e);
            } catch (InvocationTargetException e) {
                throw new IllegalArgumentException("record accessor " + m + " failed", e.getCause());
            }
            g.writeFieldName(m.getName());
            writeValue(g, value, depth + 1);
        }
        g.writeEndObject();
    }

    private static void writeNumber(JsonGenerator g, Number n) throws IOException {
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            g.writeNumber(n.intValue());
        } else if (n instanceof Long) {
            g.writeNumber(n.longValue());
        } else if (n instanceof BigInteger) {
            g.writeNumber((BigInteger) n);
        } else if (n instanceof BigDecimal) {
            g.writeNumber((BigDecimal) n);
        } else {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeNull();
            }
        }
    }

    /** {@code "FETCHING_METADATA"} to {@code "fetchingMetadata"}. */
    static String lowerCamel(String constant) {
        StringBuilder sb = new StringBuilder(constant.length());
        boolean upper = false;
        for (int i = 0; i < constant.length(); i++) {
            char c = constant.charAt(i);
            if (c == '_') {
                upper = sb.length() > 0;
            } else if (upper) {
                sb.append(Character.toUpperCase(c));
                upper = false;
            } else {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
