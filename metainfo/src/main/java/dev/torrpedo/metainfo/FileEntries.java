package dev.torrpedo.metainfo;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BList;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields a file's dictionary has in both the v1 {@code files} list and the v2
 * {@code file tree}: BEP 47 attributes and symlink target, length, path components.
 */
final class FileEntries {
    private FileEntries() {
    }

    /** Appends each component of {@code list} as received and sanitised; fails past {@code maxDepth} components. */
    static void read(BList list, String field, int maxDepth, List<String> received, List<String> sanitized) {
        if (list.size() > maxDepth) {
            throw Fields.error(MetainfoError.LIMIT_EXCEEDED, field, list,
                    "path depth: " + list.size() + " (expected: <= " + maxDepth + ")");
        }
        int i = 0;
        for (BValue v : list) {
            BString s = Fields.asString(v, field + "[" + i++ + "]");
            received.add(s.utf8());
            sanitized.add(SafePaths.sanitizeComponent(s.buffer()));
        }
    }

    /**
     * @return the sanitised {@code symlink path} of a file whose attributes say {@code l},
     *         or empty: libtorrent treats a link without a target as a plain empty file
     */
    static List<String> symlinkTarget(BDictionary file, String attr, String field, int maxDepth) {
        if (attr.indexOf('l') < 0) {
            return List.of();
        }
        BList p = Fields.optList(file, "symlink path", field + ".symlink path");
        if (p == null || p.isEmpty()) {
            return List.of();
        }
        List<String> sanitized = new ArrayList<>();
        read(p, field + ".symlink path", maxDepth, new ArrayList<>(), sanitized);
        return List.copyOf(sanitized);
    }

    /** @return the {@code length} of a file (0 for a symlink); fails if absent, not an integer, or negative */
    static long length(BDictionary file, String field, boolean symlink) {
        if (symlink) {
            return 0;
        }
        BValue lv = Fields.require(file, "length", field + ".length");
        long length = Fields.asInteger(lv, field + ".length").value();
        if (length < 0) {
            throw Fields.invalid(field + ".length", lv, "length: " + length + " (expected: >= 0)");
        }
        return length;
    }

    /** @return the BEP 47 {@code attr} string of a file dictionary, {@code ""} when absent */
    static String attributes(BDictionary file, String field) {
        BString attr = Fields.optString(file, "attr", field + ".attr");
        return attr == null ? "" : attr.utf8();
    }
}
