package dev.torrpedo.engine.internal.v2;

import dev.torrpedo.metainfo.Merkle;
import dev.torrpedo.metainfo.MerkleTree;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.wire.PeerMessage;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Answers BEP 52 {@code hash request}s for one torrent from its piece layers: the merkle tree
 * above a file's piece layer is built once, on the first request for that file, off the event
 * loops (a file of a million pieces takes a million hashes), then every answer is a copy.
 * Requests for other layers (block hashes) and for files without a layer are refused, as are
 * requests outside the tree.
 *
 * <p>Thread-safe: connections of any loop ask at once.
 */
public final class HashTrees {
    private final Torrent torrent;
    private final Executor work;
    private final int pieceLayer;
    private final byte[] pad;
    private final Map<ByteBuffer, Integer> fileByRoot = new HashMap<>();
    private final ConcurrentHashMap<Integer, CompletableFuture<MerkleTree>> trees = new ConcurrentHashMap<>();

    /**
     * @param torrent the torrent, with whatever piece layers it has now
     * @param work    where trees are built (never an event loop)
     */
    public HashTrees(Torrent torrent, Executor work) {
        this.torrent = torrent;
        this.work = work;
        this.pieceLayer = pieceLayer(torrent.pieceLength());
        this.pad = Merkle.padHash(torrent.pieceLength() / Merkle.BLOCK_SIZE);
        if (torrent.version().hasV2()) {
            for (TorrentFile f : torrent.files()) {
                Optional<byte[]> root = f.piecesRoot();
                if (!f.isPad() && root.isPresent() && f.length() > torrent.pieceLength()) {
                    fileByRoot.putIfAbsent(ByteBuffer.wrap(root.get()), f.index());
                }
            }
        }
    }

    /** @return the base layer of piece hashes: {@code log2(pieceLength / 16 KiB)} levels above the blocks */
    public static int pieceLayer(int pieceLength) {
        return Integer.numberOfTrailingZeros(pieceLength / Merkle.BLOCK_SIZE);
    }

    /** @return the index of the file whose {@code pieces root} this is and that has a piece layer, or -1 */
    public int fileOf(byte[] piecesRoot) {
        Integer f = fileByRoot.get(ByteBuffer.wrap(piecesRoot));
        return f == null ? -1 : f;
    }

    /**
     * Answers a request.
     *
     * @return completes (on the work executor, or at once when the tree is built) with the
     *         {@link PeerMessage.Hashes} or the {@link PeerMessage.HashReject}
     */
    public CompletableFuture<PeerMessage> answer(PeerMessage.HashRequest r) {
        int file = fileOf(r.piecesRoot());
        if (file < 0 || r.baseLayer() != pieceLayer || torrent.pieceLayer(file).isEmpty()) {
            return CompletableFuture.completedFuture(reject(r));
        }
        CompletableFuture<MerkleTree> tree = trees.computeIfAbsent(file, f -> CompletableFuture.supplyAsync(
                () -> MerkleTree.of(torrent.pieceLayer(f).orElseThrow(), pad), work));
        return tree.thenApply(t -> {
            if (t.problem(r.index(), r.length(), r.proofLayers()) != null) {
                return reject(r);
            }
            return new PeerMessage.Hashes(r.piecesRoot(), r.baseLayer(), r.index(), r.length(), r.proofLayers(),
                    t.hashes(r.index(), r.length(), r.proofLayers()));
        });
    }

    private static PeerMessage reject(PeerMessage.HashRequest r) {
        return new PeerMessage.HashReject(r.piecesRoot(), r.baseLayer(), r.index(), r.length(), r.proofLayers());
    }
}
