package dev.torrpedo.metainfo;

import java.util.List;

/**
 * A file as one view of the info dictionary describes it, before offsets, duplicate names
 * and the other view are considered.
 *
 * @param path    the components as received, torrent name first for multi-file torrents
 * @param safe    the components sanitised one by one
 * @param length  the length in bytes
 * @param attr    the BEP 47 attributes ({@code ""} if none)
 * @param pad     whether it is a pad file
 * @param root    the v2 {@code pieces root}, or {@code null}
 * @param symlink the sanitised symlink target, empty if not a symlink
 * @param field   the field that describes it, for error messages
 */
record RawFile(List<String> path, List<String> safe, long length, String attr, boolean pad, byte[] root,
        List<String> symlink, String field) {

    /** @return whether hybrid views must agree on this file (libtorrent's notion: not pad, and data or a link) */
    boolean relevant() {
        return !pad && (length > 0 || !symlink.isEmpty());
    }
}
