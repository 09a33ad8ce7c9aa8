package dev.torrpedo.wire.extension;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeException;
import dev.torrpedo.bencode.BencodeLimits;
import dev.torrpedo.bencode.BencodeMode;
import dev.torrpedo.wire.LimitExceededException;
import dev.torrpedo.wire.MalformedMessageException;

/** Bencode as extension messages use it: small limits, lenient key order, typed failures. */
final class Bencoded {
    private static final int MAX_DEPTH = 16;
    private static final int MAX_TOKENS = 100_000;

    private Bencoded() {
    }

    /** Checks the payload's size against {@code limit}, then decodes the dictionary at its start. */
    static BencodeDecoder.Prefix dictionaryPrefix(String field, byte[] payload, int limit) {
        checkSize(field, payload, limit);
        try {
            BencodeDecoder.Prefix p = decoder(limit).decodePrefix(payload, 0, payload.length);
            if (!(p.value() instanceof BDictionary)) {
                throw new MalformedMessageException(field, "a " + p.value().kind() + " (expected: a dictionary)");
            }
            return p;
        } catch (BencodeException e) {
            throw new MalformedMessageException(field, "bad bencode at offset " + e.offset() + ": " + e.detail());
        }
    }

    /** Like {@link #dictionaryPrefix} but the dictionary must be the whole payload. */
    static BDictionary dictionary(String field, byte[] payload, int limit) {
        BencodeDecoder.Prefix p = dictionaryPrefix(field, payload, limit);
        if (p.length() != payload.length) {
            throw new MalformedMessageException(field, (payload.length - p.length()) + " bytes after the dictionary");
        }
        return (BDictionary) p.value();
    }

    static void checkSize(String field, byte[] payload, int limit) {
        if (payload.length > limit) {
            throw new LimitExceededException(field + " length", payload.length, limit);
        }
    }

    private static BencodeDecoder decoder(int limit) {
        return BencodeDecoder.of(new BencodeLimits(limit, MAX_DEPTH, MAX_TOKENS), BencodeMode.LENIENT);
    }

    /** @return the integer under {@code key}, or null if absent or not an integer */
    static Long optionalLong(BDictionary d, String key) {
        BValue v = d.get(key);
        return v instanceof BInteger i ? i.value() : null;
    }

    /** @return the byte string under {@code key}, or null if absent or not a string */
    static BString optionalString(BDictionary d, String key) {
        BValue v = d.get(key);
        return v instanceof BString s ? s : null;
    }

    /** @return the integer under {@code key} within {@code [min, max]} */
    static long requireLong(String field, BDictionary d, String key, long min, long max) {
        Long v = optionalLong(d, key);
        if (v == null) {
            throw new MalformedMessageException(field + "." + key, "missing or not an integer");
        }
        if (v < min || v > max) {
            throw new MalformedMessageException(field + "." + key, v + " (expected: " + min + ".." + max + ")");
        }
        return v;
    }
}
