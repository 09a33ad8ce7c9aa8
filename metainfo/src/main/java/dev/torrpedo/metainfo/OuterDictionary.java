package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a .torrent's top-level dictionary from already-encoded values, keys sorted. The
 * info dictionary goes in byte for byte as it was received, never re-encoded: re-encoding
 * a non-canonical info dictionary would change the info hash.
 */
final class OuterDictionary {
    private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);

    /** Starts from every entry of {@code root}, values as received. */
    static OuterDictionary of(BDictionary root) {
        OuterDictionary d = new OuterDictionary();
        for (BDictionary.Entry e : root.entries()) {
            d.entries.put(e.key().bytes(), e.value().rawBytes());
        }
        return d;
    }

    static OuterDictionary empty() {
        return new OuterDictionary();
    }

    /** Puts the encoded {@code value} under {@code key}. */
    OuterDictionary putRaw(String key, byte[] encodedValue) {
        entries.put(key.getBytes(StandardCharsets.UTF_8), encodedValue);
        return this;
    }

    /** Puts the canonical encoding of {@code value} under {@code key}. */
    OuterDictionary put(String key, dev.torrpedo.bencode.BValue value) {
        return putRaw(key, BencodeEncoder.encode(value));
    }

    OuterDictionary remove(String key) {
        entries.remove(key.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('d');
        for (Map.Entry<byte[], byte[]> e : entries.entrySet()) {
            byte[] len = Integer.toString(e.getKey().length).getBytes(StandardCharsets.US_ASCII);
            out.write(len, 0, len.length);
            out.write(':');
            out.write(e.getKey(), 0, e.getKey().length);
            out.write(e.getValue(), 0, e.getValue().length);
        }
        out.write('e');
        return out.toByteArray();
    }
}
