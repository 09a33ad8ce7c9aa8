package dev.torrpedo.storage.internal;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.bencode.BencodeException;
import dev.torrpedo.bencode.BencodeLimits;
import dev.torrpedo.bencode.BencodeMode;
import dev.torrpedo.storage.Storage;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes and parses resume data: one bencoded dictionary.
 *
 * <pre>
 * d
 *   11:file-format   20:torrpedo resume data
 *   12:file-version  i1e
 *    9:info-hash     the info hash, hex (InfoHash.id())
 *   12:piece-length  i262144e
 *    6:pieces        the verified-piece bitfield, ceil(pieces / 8) bytes, high bit first
 *    5:files         l l i(size)e i(mtime ms)e e ... e   one per file, then the part file
 *   10:unfinished    l d 6:blocks (bitfield of 16 KiB blocks) 5:piece i(n)e e ... e
 * e
 * </pre>
 *
 * <p>The parser reads a file that anything may have written or damaged: its size, the
 * bencode depth and token count are limited from the torrent's geometry before decoding,
 * every field is checked against the torrent, and a failure names the field.
 */
final class ResumeDataCodec {
    static final String FORMAT = "torrpedo resume data";
    static final int VERSION = 1;
    /** Unfinished pieces recorded at most; more are left out (they are downloaded again). */
    static final int MAX_UNFINISHED = 65_536;

    /** What the resume data must agree with: the torrent it belongs to. */
    record Geometry(String infoHash, int pieceLength, int pieceCount, int fileCount) {
        int blocksPerPiece() {
            return (pieceLength + Storage.BLOCK_SIZE - 1) / Storage.BLOCK_SIZE;
        }

        /** @return the largest resume file that can describe this torrent */
        long maxSize() {
            long unfinished = Math.min(pieceCount, MAX_UNFINISHED);
            return 4096L + (pieceCount + 7) / 8 + 48L * (fileCount + 1) + unfinished * (48L + (blocksPerPiece() + 7) / 8);
        }

        int maxTokens() {
            long unfinished = Math.min(pieceCount, MAX_UNFINISHED);
            return (int) Math.min(Integer.MAX_VALUE, 64L + 4L * (fileCount + 1) + 6L * unfinished);
        }
    }

    private ResumeDataCodec() {
    }

    static byte[] encode(ResumeData d) {
        List<BValue> files = new ArrayList<>(d.files().size());
        for (FileStamp f : d.files()) {
            files.add(BList.of(BInteger.of(f.size()), BInteger.of(f.mtime())));
        }
        List<BValue> unfinished = new ArrayList<>();
        for (Map.Entry<Integer, BitSet> e : d.unfinished().entrySet()) {
            if (unfinished.size() == MAX_UNFINISHED) {
                break;
            }
            unfinished.add(BDictionary.builder().put("piece", e.getKey())
                    .put("blocks", bitfield(e.getValue(), (d.pieceLength() + Storage.BLOCK_SIZE - 1) / Storage.BLOCK_SIZE))
                    .build());
        }
        BDictionary root = BDictionary.builder()
                .put("file-format", FORMAT)
                .put("file-version", VERSION)
                .put("info-hash", d.infoHash())
                .put("piece-length", d.pieceLength())
                .put("pieces", bitfield(d.verified(), d.pieceCount()))
                .put("files", BList.of(files))
                .put("unfinished", BList.of(unfinished))
                .build();
        return BencodeEncoder.encode(root);
    }

    /**
     * @throws ResumeDataException naming the field, if the bytes are not resume data for a
     *         torrent of this geometry
     */
    static ResumeData parse(byte[] bytes, Geometry g) throws ResumeDataException {
        if (bytes.length > g.maxSize()) {
            throw new ResumeDataException("size", bytes.length + " bytes (expected: <= " + g.maxSize() + ")");
        }
        BValue v;
        try {
            v = BencodeDecoder.of(new BencodeLimits(Math.max(1, bytes.length), 4, g.maxTokens()), BencodeMode.STRICT)
                    .decode(bytes);
        } catch (BencodeException e) {
            throw new ResumeDataException("bencode", e.getMessage(), e);
        }
        if (!(v instanceof BDictionary)) {
            throw new ResumeDataException("root", "not a dictionary");
        }
        BDictionary root = (BDictionary) v;
        String format = string(root, "file-format").utf8();
        if (!FORMAT.equals(format)) {
            throw new ResumeDataException("file-format", "'" + format + "' (expected: '" + FORMAT + "')");
        }
        long version = integer(root, "file-version");
        if (version != VERSION) {
            throw new ResumeDataException("file-version", version + " (expected: " + VERSION + ")");
        }
        String hash = string(root, "info-hash").utf8();
        if (!hash.equals(g.infoHash())) {
            throw new ResumeDataException("info-hash", hash + " (expected: " + g.infoHash() + ")");
        }
        long pieceLength = integer(root, "piece-length");
        if (pieceLength != g.pieceLength()) {
            throw new ResumeDataException("piece-length", pieceLength + " (expected: " + g.pieceLength() + ")");
        }
        BitSet verified = bitfield(string(root, "pieces"), g.pieceCount(), "pieces");
        List<FileStamp> files = files(list(root, "files"), g.fileCount() + 1);
        Map<Integer, BitSet> unfinished = unfinished(list(root, "unfinished"), g, verified);
        return new ResumeData(hash, g.pieceLength(), g.pieceCount(), verified, files, unfinished);
    }

    private static List<FileStamp> files(BList list, int expected) throws ResumeDataException {
        if (list.size() != expected) {
            throw new ResumeDataException("files", list.size() + " entries (expected: " + expected + ")");
        }
        List<FileStamp> out = new ArrayList<>(expected);
        for (int i = 0; i < expected; i++) {
            String field = "files[" + i + "]";
            if (!(list.get(i) instanceof BList)) {
                throw new ResumeDataException(field, "not a list");
            }
            BList e = (BList) list.get(i);
            if (e.size() != 2 || !(e.get(0) instanceof BInteger) || !(e.get(1) instanceof BInteger)) {
                throw new ResumeDataException(field, "expected: [size, mtime]");
            }
            long size = ((BInteger) e.get(0)).value();
            long mtime = ((BInteger) e.get(1)).value();
            if (size < FileStamp.VOLATILE) {
                throw new ResumeDataException(field, "size " + size + " (expected: >= -2)");
            }
            out.add(new FileStamp(size, mtime));
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<Integer, BitSet> unfinished(BList list, Geometry g, BitSet verified) throws ResumeDataException {
        if (list.size() > Math.min(g.pieceCount(), MAX_UNFINISHED)) {
            throw new ResumeDataException("unfinished", list.size() + " entries (expected: <= "
                    + Math.min(g.pieceCount(), MAX_UNFINISHED) + ")");
        }
        Map<Integer, BitSet> out = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            String field = "unfinished[" + i + "]";
            if (!(list.get(i) instanceof BDictionary)) {
                throw new ResumeDataException(field, "not a dictionary");
            }
            BDictionary d = (BDictionary) list.get(i);
            long piece = integer(d, "piece", field + ".piece");
            if (piece < 0 || piece >= g.pieceCount()) {
                throw new ResumeDataException(field + ".piece", piece + " (expected: [0, " + g.pieceCount() + "))");
            }
            if (verified.get((int) piece) || out.containsKey((int) piece)) {
                throw new ResumeDataException(field + ".piece", piece + " is verified or listed twice");
            }
            BitSet blocks = bitfield(string(d, "blocks", field + ".blocks"), g.blocksPerPiece(), field + ".blocks");
            out.put((int) piece, blocks);
        }
        return Collections.unmodifiableMap(out);
    }

    static BString bitfield(BitSet bits, int count) {
        byte[] out = new byte[(count + 7) / 8];
        for (int i = bits.nextSetBit(0); i >= 0 && i < count; i = bits.nextSetBit(i + 1)) {
            out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        }
        return BString.of(out);
    }

    private static BitSet bitfield(BString s, int count, String field) throws ResumeDataException {
        int expected = (count + 7) / 8;
        if (s.length() != expected) {
            throw new ResumeDataException(field, s.length() + " bytes (expected: " + expected + ")");
        }
        BitSet out = new BitSet(count);
        for (int i = 0; i < expected; i++) {
            int b = s.byteAt(i) & 0xff;
            for (int bit = 0; bit < 8; bit++) {
                if ((b & (0x80 >>> bit)) != 0) {
                    int n = i * 8 + bit;
                    if (n >= count) {
                        throw new ResumeDataException(field, "spare bit " + n + " set (expected: " + count + " bits)");
                    }
                    out.set(n);
                }
            }
        }
        return out;
    }

    private static BString string(BDictionary d, String key) throws ResumeDataException {
        return string(d, key, key);
    }

    private static BString string(BDictionary d, String key, String field) throws ResumeDataException {
        BValue v = d.get(key);
        if (!(v instanceof BString)) {
            throw new ResumeDataException(field, v == null ? "missing" : "not a string");
        }
        return (BString) v;
    }

    private static long integer(BDictionary d, String key) throws ResumeDataException {
        return integer(d, key, key);
    }

    private static long integer(BDictionary d, String key, String field) throws ResumeDataException {
        BValue v = d.get(key);
        if (!(v instanceof BInteger)) {
            throw new ResumeDataException(field, v == null ? "missing" : "not an integer");
        }
        return ((BInteger) v).value();
    }

    private static BList list(BDictionary d, String key) throws ResumeDataException {
        BValue v = d.get(key);
        if (!(v instanceof BList)) {
            throw new ResumeDataException(key, v == null ? "missing" : "not a list");
        }
        return (BList) v;
    }
}
