package dev.torrpedo.bencode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A bencoded dictionary: byte-string keys, any values. Keys are bytes (a v2 {@code piece
 * layers} key is a 32-byte hash); the {@code String} overloads look up a key's UTF-8 bytes.
 *
 * <p>The typed getters fail with a {@link BencodeException} naming the key:
 * {@link BencodeError#MISSING_KEY} when it is absent, {@link BencodeError#WRONG_TYPE} when
 * its value has another type. The {@code find} forms return empty for an absent key but
 * still fail for a wrong type.
 */
public final class BDictionary extends Node implements BValue {

    /**
     * One key and its value.
     *
     * @param key   the key
     * @param value its value
     */
    public record Entry(BString key, BValue value) {
    }

    BDictionary(TokenIndex doc, int token) {
        super(doc, token);
    }

    /** @return a builder of a new dictionary */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Kind kind() {
        return Kind.DICTIONARY;
    }

    /** @return the number of entries */
    public int size() {
        return doc.aux(token);
    }

    /** @return whether there are no entries */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** @return the value of {@code key}, or {@code null} */
    public BValue get(byte[] key) {
        int t = find(key);
        return t < 0 ? null : doc.view(t);
    }

    /** @return the value of the UTF-8 {@code key}, or {@code null} */
    public BValue get(String key) {
        return get(key.getBytes(StandardCharsets.UTF_8));
    }

    /** @return whether the UTF-8 {@code key} is present */
    public boolean containsKey(String key) {
        return find(key.getBytes(StandardCharsets.UTF_8)) >= 0;
    }

    /** @return the entries in the order of the input */
    public List<Entry> entries() {
        int n = size();
        List<Entry> out = new ArrayList<>(n);
        int k = token + 1;
        for (int i = 0; i < n; i++) {
            out.add(new Entry(new BString(doc, k), doc.view(k + 1)));
            k = doc.next(k + 1);
        }
        return out;
    }

    /**
     * @return the value of {@code key}
     * @throws BencodeException {@link BencodeError#MISSING_KEY} if absent
     */
    public BValue require(String key) {
        BValue v = get(key);
        if (v == null) {
            throw new BencodeException(BencodeError.MISSING_KEY, offset(), key, "missing key");
        }
        return v;
    }

    /** @return the string under {@code key}; fails if absent or not a string */
    public BString getString(String key) {
        return string(key, require(key));
    }

    /** @return the string under {@code key} decoded as UTF-8; fails if absent or not a string */
    public String getUtf8(String key) {
        return getString(key).utf8();
    }

    /** @return the integer under {@code key}; fails if absent or not an integer */
    public long getLong(String key) {
        return integer(key, require(key)).value();
    }

    /** @return the integer under {@code key}; fails if absent, not an integer, or outside {@code [min, max]} */
    public long getLong(String key, long min, long max) {
        return integer(key, require(key)).checkRange(key, min, max);
    }

    /** @return the list under {@code key}; fails if absent or not a list */
    public BList getList(String key) {
        return list(key, require(key));
    }

    /** @return the dictionary under {@code key}; fails if absent or not a dictionary */
    public BDictionary getDictionary(String key) {
        return dictionary(key, require(key));
    }

    /** @return the string under {@code key}, or empty if absent; fails if not a string */
    public Optional<BString> findString(String key) {
        BValue v = get(key);
        return v == null ? Optional.empty() : Optional.of(string(key, v));
    }

    /** @return the UTF-8 text under {@code key}, or empty if absent; fails if not a string */
    public Optional<String> findUtf8(String key) {
        return findString(key).map(BString::utf8);
    }

    /** @return the integer under {@code key}, or empty if absent; fails if not an integer */
    public OptionalLong findLong(String key) {
        BValue v = get(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(integer(key, v).value());
    }

    /** @return the list under {@code key}, or empty if absent; fails if not a list */
    public Optional<BList> findList(String key) {
        BValue v = get(key);
        return v == null ? Optional.empty() : Optional.of(list(key, v));
    }

    /** @return the dictionary under {@code key}, or empty if absent; fails if not a dictionary */
    public Optional<BDictionary> findDictionary(String key) {
        BValue v = get(key);
        return v == null ? Optional.empty() : Optional.of(dictionary(key, v));
    }

    private static BString string(String key, BValue v) {
        if (v instanceof BString s) {
            return s;
        }
        throw wrongType(v, key, Kind.STRING);
    }

    private static BInteger integer(String key, BValue v) {
        if (v instanceof BInteger i) {
            return i;
        }
        throw wrongType(v, key, Kind.INTEGER);
    }

    private static BList list(String key, BValue v) {
        if (v instanceof BList l) {
            return l;
        }
        throw wrongType(v, key, Kind.LIST);
    }

    private static BDictionary dictionary(String key, BValue v) {
        if (v instanceof BDictionary d) {
            return d;
        }
        throw wrongType(v, key, Kind.DICTIONARY);
    }

    /** @return the value token of {@code key}, or -1 */
    private int find(byte[] key) {
        int n = size();
        int k = token + 1;
        for (int i = 0; i < n; i++) {
            int cmp = Arrays.compareUnsigned(doc.buf, doc.aux(k), doc.rawEnd(k), key, 0, key.length);
            if (cmp == 0) {
                return k + 1;
            }
            if (cmp > 0 && doc.canonical) {
                return -1; // sorted keys: it would have come before
            }
            k = doc.next(k + 1);
        }
        return -1;
    }

    /** Builds a dictionary; keys are sorted, a key put twice keeps its last value. */
    public static final class Builder {
        private final TreeMap<byte[], BValue> entries = new TreeMap<>(Arrays::compareUnsigned);

        private Builder() {
        }

        /** Puts {@code value} under the raw {@code key}. */
        public Builder put(byte[] key, BValue value) {
            entries.put(key.clone(), value);
            return this;
        }

        /** Puts {@code value} under the UTF-8 {@code key}. */
        public Builder put(String key, BValue value) {
            entries.put(key.getBytes(StandardCharsets.UTF_8), value);
            return this;
        }

        /** Puts an integer. */
        public Builder put(String key, long value) {
            return put(key, BInteger.of(value));
        }

        /** Puts a UTF-8 string. */
        public Builder put(String key, String value) {
            return put(key, BString.of(value));
        }

        /** Puts a byte string. */
        public Builder put(String key, byte[] value) {
            return put(key, BString.of(value));
        }

        /** Puts every entry of {@code map}. */
        public Builder putAll(Map<String, ? extends BValue> map) {
            map.forEach(this::put);
            return this;
        }

        /** @return the dictionary */
        public BDictionary build() {
            CanonicalWriter.ArraySink sink = new CanonicalWriter.ArraySink(64);
            sink.write((byte) 'd');
            for (Map.Entry<byte[], BValue> e : entries.entrySet()) {
                CanonicalWriter.writeString(sink, e.getKey(), 0, e.getKey().length);
                CanonicalWriter.write(sink, e.getValue());
            }
            sink.write((byte) 'e');
            return (BDictionary) sink.decode();
        }
    }
}
