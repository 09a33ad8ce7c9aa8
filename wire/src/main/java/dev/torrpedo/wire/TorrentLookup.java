package dev.torrpedo.wire;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.wire.internal.Sha1;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds the torrent an inbound connection asks for, among the caller's torrents. An inbound
 * plaintext handshake names it by its 20-byte wire hash (the v1 hash or the v2 hash
 * truncated to 20 bytes); an MSE/PE initiator names it by {@code HASH('req2', SKEY)}, where
 * SKEY is one of those 20-byte forms.
 *
 * <p>Called on a Netty event loop: implementations must not block. {@link TorrentIndex} is
 * a ready one backed by hash maps; {@link #of(List)} searches a fixed list.
 */
public interface TorrentLookup {

    /**
     * @param wireHash the 20 bytes of a handshake's {@code info_hash} field
     * @return the torrent whose v1 hash or truncated v2 hash this is, or {@code null}
     */
    InfoHash find(byte[] wireHash);

    /**
     * @param req2Hash {@code HASH('req2', SKEY)} recovered from an MSE/PE handshake
     * @return the torrent one of whose 20-byte forms hashes to it, or {@code null}
     */
    InfoHash findObfuscated(byte[] req2Hash);

    /** @return a lookup over a fixed list of torrents (a linear search: for tests and small sessions) */
    static TorrentLookup of(List<InfoHash> torrents) {
        List<InfoHash> copy = List.copyOf(torrents);
        return new TorrentLookup() {
            @Override
            public InfoHash find(byte[] wireHash) {
                for (InfoHash h : copy) {
                    if (h.matchesWire(wireHash)) {
                        return h;
                    }
                }
                return null;
            }

            @Override
            public InfoHash findObfuscated(byte[] req2Hash) {
                for (InfoHash h : copy) {
                    if (skeyOf(h, req2Hash) != null) {
                        return h;
                    }
                }
                return null;
            }
        };
    }

    /** @return a lookup that knows only {@code torrent} */
    static TorrentLookup only(InfoHash torrent) {
        return of(List.of(Objects.requireNonNull(torrent, "torrent")));
    }

    /**
     * @return the 20-byte form of {@code torrent} (v1, or truncated v2) whose
     *         {@code HASH('req2', form)} is {@code req2Hash}, or {@code null} if neither is
     */
    static byte[] skeyOf(InfoHash torrent, byte[] req2Hash) {
        if (torrent.hasV1() && Arrays.equals(Sha1.req2(torrent.v1()), req2Hash)) {
            return torrent.v1();
        }
        if (torrent.hasV2() && Arrays.equals(Sha1.req2(torrent.truncatedV2()), req2Hash)) {
            return torrent.truncatedV2();
        }
        return null;
    }
}
