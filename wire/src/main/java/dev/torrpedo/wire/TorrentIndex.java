package dev.torrpedo.wire;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.wire.internal.Sha1;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TorrentLookup} over a changing set of torrents, for a session: every 20-byte
 * form of each torrent and its MSE/PE obfuscated hash are kept in concurrent hash maps,
 * so lookups from event loops are lock-free and constant time while other threads add and
 * remove torrents.
 */
public final class TorrentIndex implements TorrentLookup {
    private final Map<ByteBuffer, InfoHash> byWire = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, InfoHash> byObfuscated = new ConcurrentHashMap<>();

    /** Creates an empty index. */
    public TorrentIndex() {
    }

    /** Adds {@code torrent}, under its v1 hash and its truncated v2 hash (whichever it has). */
    public void add(InfoHash torrent) {
        Objects.requireNonNull(torrent, "torrent");
        for (byte[] form : forms(torrent)) {
            byWire.put(ByteBuffer.wrap(form), torrent);
            byObfuscated.put(ByteBuffer.wrap(Sha1.req2(form)), torrent);
        }
    }

    /** Removes {@code torrent}; a torrent not in the index is ignored. */
    public void remove(InfoHash torrent) {
        for (byte[] form : forms(torrent)) {
            byWire.remove(ByteBuffer.wrap(form), torrent);
            byObfuscated.remove(ByteBuffer.wrap(Sha1.req2(form)), torrent);
        }
    }

    /** @return how many torrents are in the index */
    public int size() {
        return (int) byWire.values().stream().distinct().count();
    }

    @Override
    public InfoHash find(byte[] wireHash) {
        return wireHash.length == InfoHash.V1_LENGTH ? byWire.get(ByteBuffer.wrap(wireHash)) : null;
    }

    @Override
    public InfoHash findObfuscated(byte[] req2Hash) {
        return byObfuscated.get(ByteBuffer.wrap(req2Hash));
    }

    private static List<byte[]> forms(InfoHash torrent) {
        List<byte[]> forms = new ArrayList<>(2);
        if (torrent.hasV1()) {
            forms.add(torrent.v1());
        }
        if (torrent.hasV2()) {
            forms.add(torrent.truncatedV2());
        }
        return forms;
    }
}
