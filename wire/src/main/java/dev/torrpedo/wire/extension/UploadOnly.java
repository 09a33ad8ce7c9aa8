package dev.torrpedo.wire.extension;

/**
 * {@code upload_only} (BEP 21, as libtorrent sends it): one byte, 1 if the sender only
 * uploads from now on (a seed, or a partial seed that wants nothing more), 0 if not.
 *
 * @param uploadOnly whether the sender is upload-only
 */
public record UploadOnly(boolean uploadOnly) implements ExtensionMessage {
    @Override
    public String name() {
        return UPLOAD_ONLY;
    }
}
