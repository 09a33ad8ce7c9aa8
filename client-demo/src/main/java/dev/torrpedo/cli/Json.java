package dev.torrpedo.cli;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON text of maps, lists, strings, numbers, booleans and nulls (jackson-jr). */
final class Json {
    private static final JSON COMPACT = JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES);
    private static final JSON PRETTY = COMPACT.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {
    }

    /** @return {@code value} as JSON on one line */
    static String compact(Object value) {
        try {
            return COMPACT.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code value} as indented JSON */
    static String pretty(Object value) {
        try {
            return PRETTY.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
