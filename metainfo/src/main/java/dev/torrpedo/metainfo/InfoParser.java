package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BInteger;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates an info dictionary: version, name, piece length, the v1 file list
 * and/or the v2 file tree (which must agree in a hybrid), and the v1 piece hashes. Pure.
 */
final class InfoParser {
    static final int MAX_PIECE_LENGTH = 512 * 1024 * 1024;
    private static final String BITCOMET_PAD = "_____padding_file_";

    private final BDictionary info;
    private final TorrentLimits limits;
    private final String name;
    private final List<String> safeName;

    /**
     * What an info dictionary says.
     *
     * @param version     v1, v2 or hybrid
     * @param name        the display name
     * @param pieceLength the piece length
     * @param files       the files, laid out in one piece space
     * @param pieces      the v1 piece hashes, or {@code null}
     * @param isPrivate   the BEP 27 flag
     */
    record Parsed(TorrentVersion version, String name, int pieceLength, List<TorrentFile> files, BString pieces,
            boolean isPrivate) {
    }

    private InfoParser(BDictionary info, TorrentLimits limits) {
        this.info = info;
        this.limits = limits;
        BString n = info.get("name.utf-8") instanceof BString s ? s : Fields.requireString(info, "name", "info.name");
        if (n.length() == 0) {
            throw Fields.invalid("info.name", n, "empty name");
        }
        this.name = n.utf8();
        this.safeName = List.of(SafePaths.sanitizeComponent(n.buffer()));
    }

    static Parsed parse(BDictionary info, TorrentLimits limits) {
        return new InfoParser(info, limits).parse();
    }

    private Parsed parse() {
        TorrentVersion version = version();
        int pieceLength = pieceLength(version);
        List<RawFile> layout;
        if (version == TorrentVersion.V1) {
            layout = checkOffsets(v1Files());
        } else {
            List<RawFile> v2 = v2Layout(new FileTreeParser(info, limits, name, safeName, info.containsKey("files")).files(),
                    pieceLength);
            if (version == TorrentVersion.HYBRID) {
                layout = hybrid(checkOffsets(v1Files()), v2);
            } else {
                layout = v2;
            }
        }
        long total = 0;
        for (RawFile f : layout) {
            total += f.length(); // cannot overflow: the layout checked each offset
        }
        if (total == 0) {
            throw Fields.invalid(hasV1Files() && info.containsKey("files") ? "info.files" : "info.length", info,
                    "the torrent holds no data");
        }
        long pieceCount = (total + pieceLength - 1) / pieceLength;
        if (pieceCount > limits.maxPieces()) {
            throw Fields.error(MetainfoError.LIMIT_EXCEEDED, "info.pieces", info,
                    "pieces: " + pieceCount + " (expected: <= " + limits.maxPieces() + ")");
        }
        BString pieces = null;
        if (version.hasV1()) {
            pieces = Fields.requireString(info, "pieces", "info.pieces");
            if (pieces.length() != pieceCount * 20) {
                throw Fields.error(MetainfoError.PIECES_MISMATCH, "info.pieces", pieces, "pieces: " + pieces.length()
                        + " bytes (expected: " + pieceCount * 20 + " for " + total + " bytes in " + pieceLength
                        + "-byte pieces)");
            }
        }
        List<List<String>> safePaths = DuplicateNames.resolve(layout, limits.maxDuplicateNames(),
                version == TorrentVersion.V2 ? "info.file tree" : info.containsKey("files") ? "info.files" : "info.name");
        List<TorrentFile> files = new ArrayList<>(layout.size());
        long offset = 0;
        for (int i = 0; i < layout.size(); i++) {
            RawFile f = layout.get(i);
            files.add(new TorrentFile(i, f.path(), safePaths.get(i), f.length(), offset, f.attr(), f.pad(), f.root(),
                    f.symlink()));
            offset += f.length();
        }
        boolean isPrivate = info.get("private") instanceof BInteger p && p.value() != 0;
        return new Parsed(version, name, pieceLength, files, pieces, isPrivate);
    }

    private TorrentVersion version() {
        BValue mv = info.get("meta version");
        long meta = mv == null ? -1 : Fields.asInteger(mv, "info.meta version").value();
        if (meta > 2) {
            throw Fields.error(MetainfoError.UNSUPPORTED_VERSION, "info.meta version", mv,
                    "meta version " + meta + " (expected: 2)");
        }
        if (meta < 2) {
            if (info.containsKey("file tree")) {
                throw Fields.error(MetainfoError.MISSING_FIELD, "info.meta version", info,
                        "a file tree needs meta version 2");
            }
            return TorrentVersion.V1;
        }
        Fields.requireDict(info, "file tree", "info.file tree");
        if (info.containsKey("pieces")) {
            if (!hasV1Files()) {
                throw Fields.error(MetainfoError.MISSING_FIELD, "info.files", info,
                        "v1 pieces without a v1 file list ('files' or 'length')");
            }
            return TorrentVersion.HYBRID;
        }
        if (hasV1Files()) {
            throw Fields.error(MetainfoError.MISSING_FIELD, "info.pieces", info, "a v1 file list without v1 pieces");
        }
        return TorrentVersion.V2;
    }

    private boolean hasV1Files() {
        return info.containsKey("files") || info.containsKey("length");
    }

    private int pieceLength(TorrentVersion version) {
        BValue v = Fields.require(info, "piece length", "info.piece length");
        long pl = Fields.asInteger(v, "info.piece length").value();
        if (pl <= 0) {
            throw Fields.invalid("info.piece length", v, "piece length: " + pl + " (expected: > 0)");
        }
        if (pl > MAX_PIECE_LENGTH) {
            throw Fields.error(MetainfoError.LIMIT_EXCEEDED, "info.piece length", v,
                    "piece length: " + pl + " (expected: <= " + MAX_PIECE_LENGTH + ")");
        }
        if (version.hasV2() && (pl < Merkle.BLOCK_SIZE || Long.bitCount(pl) != 1)) {
            throw Fields.invalid("info.piece length", v,
                    "piece length: " + pl + " (expected: a power of two >= 16384 for v2)");
        }
        return (int) pl;
    }

    /** The v1 file list: {@code files}, or the single file {@code name} of {@code length}. */
    private List<RawFile> v1Files() {
        BValue filesValue = info.get("files");
        if (filesValue == null) {
            return List.of(file(info, "info", List.of(name), safeName));
        }
        if (info.containsKey("length")) {
            throw Fields.invalid("info.length", info.get("length"), "both 'files' and 'length'");
        }
        BList list = Fields.asList(filesValue, "info.files");
        if (list.isEmpty()) {
            throw Fields.invalid("info.files", list, "no files");
        }
        List<RawFile> out = new ArrayList<>(list.size());
        int i = 0;
        for (BValue e : list) {
            String field = "info.files[" + i++ + "]";
            BDictionary d = Fields.asDict(e, field);
            out.add(file(d, field, null, null));
        }
        return out;
    }

    /** One v1 file; {@code path == null} for an entry of {@code files}, whose path is read from it. */
    private RawFile file(BDictionary d, String field, List<String> path, List<String> safe) {
        String attr = FileEntries.attributes(d, field);
        boolean pad = attr.indexOf('p') >= 0;
        List<String> symlink = FileEntries.symlinkTarget(d, attr, field, limits.maxPathDepth());
        long length = FileEntries.length(d, field, !symlink.isEmpty());
        if (path == null) {
            BList p = d.get("path.utf-8") instanceof BList l ? l : Fields.optList(d, "path", field + ".path");
            List<String> received = new ArrayList<>();
            List<String> sanitized = new ArrayList<>();
            received.add(name);
            sanitized.addAll(safeName);
            if (p == null || p.isEmpty()) {
                if (!pad) {
                    throw Fields.error(p == null ? MetainfoError.MISSING_FIELD : MetainfoError.INVALID_VALUE,
                            field + ".path", p == null ? d : p, "a file needs a path");
                }
                received.add(".pad");
                received.add(Long.toString(length));
                sanitized.addAll(received.subList(1, 3));
            } else {
                FileEntries.read(p, field + ".path", limits.maxPathDepth(), received, sanitized);
            }
            path = received;
            safe = sanitized;
        }
        for (String c : path) {
            if (c.contains(BITCOMET_PAD)) {
                pad = true;
            }
        }
        return new RawFile(List.copyOf(path), List.copyOf(safe), length, attr, pad, null, symlink, field);
    }

    /** Checks that offsets cannot overflow. */
    private static List<RawFile> checkOffsets(List<RawFile> files) {
        long offset = 0;
        for (RawFile f : files) {
            try {
                offset = Math.addExact(offset, f.length());
            } catch (ArithmeticException e) {
                throw new MetainfoException(MetainfoError.SIZE_OVERFLOW, f.field() + ".length", -1,
                        "the files add up to more than " + Long.MAX_VALUE + " bytes", e);
            }
        }
        return files;
    }

    /** Inserts libtorrent's implicit pad files, so that every non-empty file starts on a piece boundary. */
    private List<RawFile> v2Layout(List<RawFile> files, int pieceLength) {
        List<RawFile> out = new ArrayList<>(files.size() * 2);
        long offset = 0;
        for (RawFile f : files) {
            out.add(f);
            try {
                offset = Math.addExact(offset, f.length());
                long gap = f.length() > 0 && offset % pieceLength != 0 ? pieceLength - offset % pieceLength : 0;
                if (gap > 0) {
                    offset = Math.addExact(offset, gap);
                    List<String> padPath = List.of(name, ".pad", Long.toString(gap));
                    out.add(new RawFile(padPath, List.of(safeName.get(0), ".pad", Long.toString(gap)), gap, "p", true,
                            null, List.of(), f.field()));
                }
            } catch (ArithmeticException e) {
                throw new MetainfoException(MetainfoError.SIZE_OVERFLOW, f.field() + ".length", -1,
                        "the files add up to more than " + Long.MAX_VALUE + " bytes", e);
            }
        }
        return out;
    }

    /**
     * Checks that the v1 list (with its pad files) and the v2 tree (with implicit pad files)
     * describe the same files at the same offsets, as libtorrent does; returns the v1 list
     * with each file's v2 root.
     */
    private static List<RawFile> hybrid(List<RawFile> v1, List<RawFile> v2) {
        List<RawFile> tree = v2;
        if (tree.size() == v1.size() + 1 && tree.get(tree.size() - 1).pad()) {
            tree = tree.subList(0, tree.size() - 1); // no tail padding in the v1 list: fine
        }
        if (tree.size() != v1.size()) {
            throw new MetainfoException(MetainfoError.INCONSISTENT_HYBRID, "info.files",
                    "v1 lists " + v1.size() + " files with pad files, the v2 tree " + tree.size());
        }
        List<RawFile> out = new ArrayList<>(v1.size());
        long offset1 = 0;
        long offset2 = 0;
        for (int i = 0; i < v1.size(); i++) {
            RawFile a = v1.get(i);
            RawFile b = tree.get(i);
            if (a.relevant() != b.relevant() || a.relevant() && (a.length() != b.length() || offset1 != offset2
                    || !a.path().equals(b.path()) || !a.symlink().equals(b.symlink()))) {
                throw new MetainfoException(MetainfoError.INCONSISTENT_HYBRID, a.field(),
                        "v1 has " + describe(a, offset1) + " where the v2 tree has " + describe(b, offset2));
            }
            out.add(new RawFile(a.path(), a.safe(), a.length(), a.attr(), a.pad(), b.root(), a.symlink(), a.field()));
            offset1 += a.length();
            offset2 += b.length();
        }
        if (offset1 != offset2) {
            throw new MetainfoException(MetainfoError.INCONSISTENT_HYBRID, "info.files",
                    "v1 files total " + offset1 + " bytes, the v2 tree " + offset2);
        }
        return out;
    }

    private static String describe(RawFile f, long offset) {
        return "'" + String.join("/", f.path()) + "' (" + f.length() + " bytes at " + offset + (f.pad() ? ", pad" : "")
                + ")";
    }
}
