package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BString;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a BEP 52 {@code file tree}: nested dictionaries whose keys are path components and
 * whose leaves are {@code {"": {length, pieces root, attr}}}. Files come out in the order of
 * the tree.
 */
final class FileTreeParser {
    private static final String FIELD = "info.file tree";

    private final TorrentLimits limits;
    private final String name;
    private final List<String> safeName;
    /** Whether the info dictionary has a v1 {@code files} list: then a lone file is not a single-file torrent. */
    private final boolean hasFileList;
    private final BDictionary tree;
    private final List<RawFile> files = new ArrayList<>();

    FileTreeParser(BDictionary info, TorrentLimits limits, String name, List<String> safeName, boolean hasFileList) {
        this.limits = limits;
        this.name = name;
        this.safeName = safeName;
        this.hasFileList = hasFileList;
        this.tree = Fields.requireDict(info, "file tree", FIELD);
    }

    /** @return the files of the tree, in tree order */
    List<RawFile> files() {
        if (tree.isEmpty()) {
            throw Fields.invalid(FIELD, tree, "no files");
        }
        walk(tree, new ArrayList<>(), new ArrayList<>(), 0);
        return files;
    }

    private void walk(BDictionary dir, List<String> received, List<String> sanitized, int depth) {
        if (depth >= limits.maxPathDepth()) {
            throw Fields.error(MetainfoError.LIMIT_EXCEEDED, field(received), dir,
                    "path depth: > " + limits.maxPathDepth());
        }
        for (BDictionary.Entry e : dir.entries()) {
            BString key = e.key();
            List<String> r = new ArrayList<>(received);
            r.add(key.utf8());
            String field = field(r);
            if (key.length() == 0) {
                throw Fields.invalid(field, key, depth == 0 ? "the root of the file tree must not be a file"
                        : "a file must not have siblings");
            }
            BDictionary node = Fields.asDict(e.value(), field);
            List<String> s = new ArrayList<>(sanitized);
            s.add(SafePaths.sanitizeComponent(key.buffer()));
            boolean leaf = node.size() == 1 && node.entries().get(0).key().length() == 0;
            if (leaf) {
                boolean singleFile = depth == 0 && !hasFileList && dir.size() == 1;
                List<String> path = new ArrayList<>(r.size() + 1);
                List<String> safe = new ArrayList<>(r.size() + 1);
                if (!singleFile) {
                    path.add(name);
                    safe.addAll(safeName);
                }
                path.addAll(r);
                safe.addAll(s);
                files.add(file(Fields.asDict(node.entries().get(0).value(), field), field, path, safe));
            } else {
                walk(node, r, s, depth + 1);
            }
        }
    }

    private RawFile file(BDictionary d, String field, List<String> path, List<String> safe) {
        String attr = FileEntries.attributes(d, field);
        if (attr.indexOf('p') >= 0) {
            throw Fields.invalid(field + ".attr", d.get("attr"), "pad files have no place in a v2 file tree");
        }
        List<String> symlink = FileEntries.symlinkTarget(d, attr, field, limits.maxPathDepth());
        long length = FileEntries.length(d, field, !symlink.isEmpty());
        byte[] root = null;
        if (length > 0) {
            BString rv = Fields.requireString(d, "pieces root", field + ".pieces root");
            if (rv.length() != Merkle.HASH_SIZE) {
                throw Fields.invalid(field + ".pieces root", rv, "pieces root: " + rv.length() + " bytes (expected: 32)");
            }
            root = rv.bytes();
            if (java.util.Arrays.equals(root, new byte[Merkle.HASH_SIZE])) {
                throw Fields.invalid(field + ".pieces root", rv, "pieces root is all zeros");
            }
        }
        return new RawFile(List.copyOf(path), List.copyOf(safe), length, attr, false, root, symlink, field);
    }

    private static String field(List<String> received) {
        return received.isEmpty() ? FIELD : FIELD + "/" + String.join("/", received);
    }
}
