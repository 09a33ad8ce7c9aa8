package dev.torrpedo.rpc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;

/**
 * Reads one JSON text into plain values: {@code Map<String, Object>} (insertion-ordered,
 * read-only), {@code List<Object>} (read-only), {@link String}, {@link Integer}, {@link Long},
 * {@link java.math.BigInteger}, {@link java.math.BigDecimal}, {@link Boolean} and null.
 *
 * <p>Limits come first: the length before anything is read, UTF-8 (and no raw NUL, which
 * would make jackson guess UTF-16 or UTF-32) in one pass without allocating, then jackson-core's streaming parser refuses nesting deeper than
 * {@code maxDepth} as it meets the opening bracket (so a deep message never builds its
 * tree), numbers longer than 1000 digits, and duplicate object keys. jackson-jr builds the
 * tree from that parser. Thread-safe.
 */
final class JsonReader {
    static final int MAX_NUMBER_LENGTH = 1000;

    private final JsonFactory factory;
    private final JSON json;
    private final int maxDepth;
    private final int maxBytes;

    JsonReader(int maxDepth, int maxBytes) {
        this.maxDepth = maxDepth;
        this.maxBytes = maxBytes;
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxStringLength(maxBytes)
                        .maxNameLength(maxBytes)
                        .maxDocumentLength(maxBytes)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.json = JSON.builder(factory)
                .enable(JSON.Feature.USE_BIG_DECIMAL_FOR_FLOATS, JSON.Feature.READ_ONLY,
                        JSON.Feature.PRESERVE_FIELD_ORDERING, JSON.Feature.FAIL_ON_DUPLICATE_MAP_KEYS)
                .build();
    }

    int maxDepth() {
        return maxDepth;
    }

    /**
     * Reads {@code b[off, off + len)} as exactly one JSON value.
     *
     * @throws UnreadableMessage with the reason and byte offset (relative to {@code off})
     */
    Object read(byte[] b, int off, int len) throws UnreadableMessage {
        if (len > maxBytes) {
            throw new UnreadableMessage(UnreadableMessage.Reason.SIZE,
                    "message of " + len + " bytes (expected: <= " + maxBytes + ")", -1, maxBytes);
        }
        int bad = Utf8.firstInvalid(b, off, len);
        if (bad >= 0) {
            throw new UnreadableMessage(UnreadableMessage.Reason.UTF8, "invalid UTF-8 at byte " + (bad - off),
                    bad - off, -1);
        }
        for (int i = off; i < off + len; i++) {
            // never valid in JSON text (escaped in strings), and jackson would take it for UTF-16/32
            if (b[i] == 0) {
                throw new UnreadableMessage(UnreadableMessage.Reason.SYNTAX, "NUL byte at byte " + (i - off), i - off, -1);
            }
        }
        JsonParser p = null;
        try {
            p = factory.createParser(b, off, len);
            if (p.nextToken() == null) {
                throw new UnreadableMessage(UnreadableMessage.Reason.SYNTAX, "no JSON value", 0, -1);
            }
            Object value = json.anyFrom(p);
            if (p.nextToken() != null) {
                long at = offsetOf(p.currentTokenLocation(), off);
                throw new UnreadableMessage(UnreadableMessage.Reason.SYNTAX,
                        "more than one JSON value (trailing content at byte " + at + ")", at, -1);
            }
            return value;
        } catch (StreamConstraintsException e) {
            long at = p == null ? -1 : offsetOf(p.currentTokenLocation(), off);
            if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("nesting depth")) {
                throw new UnreadableMessage(UnreadableMessage.Reason.DEPTH,
                        "nested deeper than " + maxDepth + " at byte " + at, at, maxDepth);
            }
            throw new UnreadableMessage(UnreadableMessage.Reason.TOKEN, firstLine(e.getOriginalMessage()), at, -1);
        } catch (JsonProcessingException e) {
            long at = offsetOf(e.getLocation(), off);
            throw new UnreadableMessage(UnreadableMessage.Reason.SYNTAX,
                    firstLine(e.getOriginalMessage()) + (at >= 0 ? " at byte " + at : ""), at, -1);
        } catch (IOException e) {
            // a decoding failure below the parser (none is expected once UTF-8 is checked)
            throw new UnreadableMessage(UnreadableMessage.Reason.SYNTAX, firstLine(e.getMessage()), -1, -1);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // in-memory
                }
            }
        }
    }

    private static long offsetOf(JsonLocation location, int off) {
        if (location == null || location.getByteOffset() < 0) {
            return -1;
        }
        return Math.max(0, location.getByteOffset() - off);
    }

    /** jackson's messages can quote input; keep one short line of it. */
    private static String firstLine(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int nl = message.indexOf('\n');
        String s = nl < 0 ? message : message.substring(0, nl);
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
