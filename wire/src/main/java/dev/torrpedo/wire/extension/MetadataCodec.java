package dev.torrpedo.wire.extension;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.wire.LimitExceededException;
import dev.torrpedo.wire.MalformedMessageException;
import dev.torrpedo.wire.WireLimits;
import java.util.Arrays;
import java.util.Optional;

/** {@code ut_metadata} (BEP 9): a dictionary, then for data messages the piece's bytes. */
final class MetadataCodec {
    private static final String FIELD = ExtensionMessage.UT_METADATA;

    private MetadataCodec() {
    }

    static Optional<ExtensionMessage> decode(byte[] payload, WireLimits limits) {
        BencodeDecoder.Prefix p = Bencoded.dictionaryPrefix(FIELD, payload, limits.maxMetadataMessage());
        BDictionary d = (BDictionary) p.value();
        int trailing = payload.length - p.length();
        long type = Bencoded.requireLong(FIELD, d, "msg_type", Long.MIN_VALUE, Long.MAX_VALUE);
        if (type != Metadata.MSG_REQUEST && type != Metadata.MSG_DATA && type != Metadata.MSG_REJECT) {
            return Optional.empty(); // BEP 9: an unrecognised msg_type is ignored
        }
        int maxPiece = (limits.maxMetadataSize() - 1) / Metadata.PIECE_LENGTH;
        int piece = (int) Bencoded.requireLong(FIELD, d, "piece", 0, maxPiece);
        if (type != Metadata.MSG_DATA) {
            if (trailing != 0) {
                throw new MalformedMessageException(FIELD, trailing + " bytes after a msg_type " + type + " dictionary");
            }
            return Optional.of(type == Metadata.MSG_REQUEST ? new MetadataRequest(piece) : new MetadataReject(piece));
        }
        Long total = Bencoded.optionalLong(d, "total_size");
        if (total == null || total <= 0) {
            throw new MalformedMessageException(FIELD + ".total_size", total + " (expected: > 0)");
        }
        if (total > limits.maxMetadataSize()) {
            throw new LimitExceededException(FIELD + ".total_size", total, limits.maxMetadataSize());
        }
        long start = (long) piece * Metadata.PIECE_LENGTH;
        long expected = Math.min(Metadata.PIECE_LENGTH, total - start);
        if (expected <= 0 || trailing != expected) {
            throw new MalformedMessageException(FIELD + ".data", trailing + " bytes for piece " + piece + " of "
                    + total + " (expected: " + Math.max(expected, 0) + ")");
        }
        return Optional.of(new MetadataData(piece, total.intValue(), Arrays.copyOfRange(payload, p.length(), payload.length)));
    }

    static byte[] encode(ExtensionMessage m) {
        BDictionary.Builder b = BDictionary.builder();
        byte[] data = null;
        if (m instanceof MetadataRequest r) {
            b.put("msg_type", Metadata.MSG_REQUEST).put("piece", r.piece());
        } else if (m instanceof MetadataReject r) {
            b.put("msg_type", Metadata.MSG_REJECT).put("piece", r.piece());
        } else {
            MetadataData d = (MetadataData) m;
            b.put("msg_type", Metadata.MSG_DATA).put("piece", d.piece()).put("total_size", d.totalSize());
            data = d.data();
        }
        byte[] dict = BencodeEncoder.encode(b.build());
        if (data == null) {
            return dict;
        }
        byte[] out = Arrays.copyOf(dict, dict.length + data.length);
        System.arraycopy(data, 0, out, dict.length, data.length);
        return out;
    }
}
