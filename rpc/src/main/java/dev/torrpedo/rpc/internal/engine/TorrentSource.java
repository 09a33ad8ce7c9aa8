package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.MetainfoException;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentLimits;
import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The torrent a request names ({@code metainfo.inspect}, {@code torrent.add}): exactly one of
 * a magnet link, the base64 bytes of a .torrent, or the path of one under the allowed roots.
 * Reading a path blocks, so callers run on the worker pool.
 *
 * @param torrent the parsed .torrent, or null for a magnet link
 * @param bytes its bytes as received, or null for a magnet link
 * @param magnet the magnet link, or null
 */
record TorrentSource(Torrent torrent, byte[] bytes, MagnetLink magnet) {

    /**
     * Reads and checks the source.
     *
     * @param magnet the {@code magnet} param or null
     * @param torrent the {@code torrent} param (base64-decoded) or null
     * @param path the {@code path} param or null
     * @param roots where a path may be
     * @throws RpcException -32602 (none or several sources), -32005, -32001 (no such file),
     *     -32004, -32002 (malformed)
     */
    static TorrentSource read(String magnet, byte[] torrent, String path, AllowedRoots roots) {
        int given = (magnet != null ? 1 : 0) + (torrent != null ? 1 : 0) + (path != null ? 1 : 0);
        if (given != 1) {
            throw new RpcException(RpcErrorCode.INVALID_PARAMS, "Invalid params: give exactly one of 'magnet', 'torrent'"
                    + " (base64) and 'path', got " + given, Map.of("param", "magnet|torrent|path"));
        }
        if (magnet != null) {
            try {
                return new TorrentSource(null, null, MagnetLink.parse(magnet));
            } catch (MetainfoException e) {
                throw invalidTorrent(e);
            }
        }
        byte[] bytes = torrent != null ? torrent : readFile(roots.resolve("path", path), path);
        try {
            return new TorrentSource(Torrent.parse(bytes), bytes, null);
        } catch (MetainfoException e) {
            throw invalidTorrent(e);
        }
    }

    private static byte[] readFile(Path file, String asGiven) {
        int max = TorrentLimits.DEFAULT.maxSize();
        try (InputStream in = Files.newInputStream(file)) {
            // never more than the limit in memory, whatever the file's size
            byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new RpcException(RpcErrorCode.INVALID_TORRENT, "Invalid torrent: " + Checks.clip(asGiven)
                        + " is larger than " + max + " bytes", Map.of("limit", max));
            }
            return b;
        } catch (NoSuchFileException e) {
            throw RpcException.notFound("file", Checks.clip(asGiven));
        } catch (AccessDeniedException e) {
            throw RpcException.ioError("I/O error: permission denied: " + Checks.clip(asGiven), e);
        } catch (IOException e) {
            throw RpcException.ioError("I/O error: reading " + Checks.clip(asGiven) + " failed: " + e.getMessage(), e);
        }
    }

    private static RpcException invalidTorrent(MetainfoException e) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error", e.error().name());
        if (!e.field().isEmpty()) {
            data.put("field", Checks.clip(e.field()));
        }
        if (e.offset() >= 0) {
            data.put("offset", e.offset());
        }
        return new RpcException(RpcErrorCode.INVALID_TORRENT, "Invalid torrent: " + Checks.clip(e.getMessage(), 500), data);
    }

    /** The torrent's id: its info-hash hex. */
    String id() {
        return torrent != null ? torrent.infoHash().id() : magnet.infoHash().id();
    }
}
