package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.engine.internal.limit.RateLimiter;
import dev.torrpedo.engine.internal.rate.RateMeter;
import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.engine.internal.upload.BlockRequest;
import dev.torrpedo.engine.internal.upload.UploadQueue;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.wire.PeerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload side of one connection: the peer's requests go into an {@link UploadQueue}
 * (capped; one too many closes the connection), and are served while we unchoke the peer (or
 * the piece is allowed fast), the socket is writable and the upload limit allows: read from
 * storage (verified pieces only) into a pooled direct buffer, then sent as a PIECE. At most
 * {@link #MAX_READS} reads are in flight per peer.
 *
 * <p>Threading: the connection's event loop only.
 */
final class PeerUploader {
    /** Reads in flight per peer: enough to keep a fast socket busy, few enough to stay small. */
    static final int MAX_READS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(PeerUploader.class);

    private final PeerConnection connection;
    private final ChannelHandlerContext ctx;
    private final TorrentImpl torrent;
    private final RateLimiter limiter;
    private final UploadQueue queue;
    private final boolean fast;
    private final RateMeter meter;
    private volatile long rate;
    private volatile long total;
    private int reads;
    private boolean waiting;
    private boolean closed;

    PeerUploader(PeerConnection connection, ChannelHandlerContext ctx, TorrentImpl torrent, RateLimiter limiter,
                 boolean fast, int maxQueued, long nowNanos) {
        this.connection = connection;
        this.ctx = ctx;
        this.torrent = torrent;
        this.limiter = limiter;
        this.fast = fast;
        this.queue = new UploadQueue(torrent.geometry(), fast, maxQueued);
        this.meter = new RateMeter(nowNanos);
    }

    /** @return payload bytes/s sent to the peer, as of the last tick */
    long rate() {
        return rate;
    }

    /** @return payload bytes sent to the peer */
    long total() {
        return total;
    }

    void setAllowedFast(int[] pieces) {
        queue.setAllowedFast(pieces);
    }

    /** A REQUEST arrived. */
    void request(int piece, int begin, int length) {
        BlockRequest r = new BlockRequest(piece, begin, length);
        boolean have = piece >= 0 && piece < torrent.geometry().pieceCount() && torrent.picker().has(piece)
                && torrent.extras().mayServe(connection.id(), piece);
        switch (queue.request(r, have)) {
            case QUEUED:
                serve();
                break;
            case REJECT:
                connection.send(new PeerMessage.Reject(piece, begin, length));
                break;
            case INVALID:
                connection.violation("an invalid request: " + piece + "/" + begin + "/" + length);
                break;
            case FLOOD:
                connection.violation("more than " + queue.size() + " requests queued");
                break;
            default:
                break;
        }
    }

    /** A CANCEL arrived; with the fast extension every request gets exactly one answer. */
    void cancel(int piece, int begin, int length) {
        if (queue.cancel(new BlockRequest(piece, begin, length)) && fast) {
            connection.send(new PeerMessage.Reject(piece, begin, length));
        }
    }

    /** We choke or unchoke the peer. */
    void setChoking(boolean choke) {
        if (choke) {
            connection.send(PeerMessage.CHOKE);
            for (BlockRequest r : queue.choke()) {
                connection.send(new PeerMessage.Reject(r.piece(), r.begin(), r.length()));
            }
        } else {
            queue.unchoke();
            connection.send(PeerMessage.UNCHOKE);
            serve();
        }
    }

    /** Starts reads for queued requests while the socket, the limit and the read cap allow. */
    void serve() {
        while (!closed && !waiting && reads < MAX_READS && ctx.channel().isWritable()) {
            BlockRequest r = queue.peek();
            if (r == null) {
                return;
            }
            if (!limiter.isUnlimited()) {
                long g = limiter.acquire(r.length(), r.length());
                if (!RateLimiter.granted(g)) {
                    waiting = true;
                    ctx.executor().schedule(() -> {
                        waiting = false;
                        serve();
                        ctx.flush();
                    }, RateLimiter.waitNanos(g), TimeUnit.NANOSECONDS);
                    return;
                }
            }
            queue.poll();
            reads++;
            // read straight into a pooled direct buffer, which the socket write takes as it is
            ByteBuf block = ctx.alloc().directBuffer(r.length(), r.length());
            try {
                torrent.storage().readInto(r.piece(), r.begin(), block.nioBuffer(0, r.length()), ctx.executor(),
                        (piece, offset, data, error) -> read(r, block, error));
            } catch (RuntimeException e) {
                reads--;
                block.release();
                throw e;
            }
        }
    }

    /** A read is done: sends the block (handing {@code block} on) or answers the failure (releasing it). */
    private void read(BlockRequest r, ByteBuf block, StorageException error) {
        reads--;
        boolean live = !closed && connection.canSend();
        boolean refused = queue.choked() && !queue.isAllowedFast(r.piece());
        if (!live || error != null || refused) {
            block.release(); // only the last branch below sends it
        }
        if (!live) {
            return;
        }
        if (error != null) {
            LOG.debug("reading {} for {} failed: {}", r, connection, error.toString());
            if (fast) {
                connection.send(new PeerMessage.Reject(r.piece(), r.begin(), r.length()));
            }
            dev.torrpedo.storage.StorageError kind = error.error();
            if (kind == dev.torrpedo.storage.StorageError.FILE_MISSING
                    || kind == dev.torrpedo.storage.StorageError.FILE_TRUNCATED) {
                torrent.piecesLost();
            } else if (kind != dev.torrpedo.storage.StorageError.NOT_VERIFIED
                    && kind != dev.torrpedo.storage.StorageError.CLOSED) {
                torrent.storageFailed(error);
            }
        } else if (refused) {
            if (fast) {
                connection.send(new PeerMessage.Reject(r.piece(), r.begin(), r.length()));
            }
        } else {
            int n = r.length();
            connection.send(new PeerMessage.Piece(r.piece(), r.begin(), block.writerIndex(n)));
            total += n;
            meter.add(n, torrent.session().clock().nanos());
            torrent.countUploaded(n);
        }
        serve();
        ctx.flush();
    }

    /** Once a second: the rate for the choker and the peer list. */
    void tick(long nowNanos) {
        rate = meter.rate(nowNanos);
    }

    /** The connection closed: drop the queue; reads in flight are ignored when they land. */
    void closed() {
        closed = true;
        queue.clear();
    }
}
