package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.engine.internal.limit.RateLimiter;
import dev.torrpedo.engine.internal.picker.BlockAddress;
import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.picker.Received;
import dev.torrpedo.engine.internal.request.RequestQueue;
import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.WriteHandler;
import dev.torrpedo.wire.PeerMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.TimeUnit;

/**
 * The download side of one connection: our requests to the peer ({@link RequestQueue} over
 * the torrent's lock-free picker), the blocks it sends written to storage without a copy
 * (the block's buffer goes to the disk thread and is released there), and reading paused
 * ({@code autoRead=false}) while the disk queue is over its mark or the download limit says
 * wait. Endgame duplicates are cancelled at the other peers that had them requested.
 *
 * <p>Threading: the connection's event loop only; storage answers arrive there too.
 */
final class PeerDownloader implements WriteHandler {
    /** Blocks a peer may send that nobody asked for before it is dropped (BEP 6 says none). */
    static final int MAX_UNREQUESTED = 16;

    private final PeerConnection connection;
    private final ChannelHandlerContext ctx;
    private final TorrentImpl torrent;
    private final PiecePicker picker;
    private final PickerPeer pickerPeer;
    private final PieceGeometry geometry;
    private final RequestQueue requests;
    private final RateLimiter limiter;
    private final int maxOutstanding;
    /** Picked addresses to send; grows toward {@link RequestQueue#MAX_OUTSTANDING} only while the pipeline deepens. */
    private long[] picked = new long[16];
    private volatile long rate;
    private volatile long total;
    private volatile boolean snubbed;
    private boolean diskBlocked;
    private boolean rateBlocked;
    private long debt;
    private boolean closed;

    PeerDownloader(PeerConnection connection, ChannelHandlerContext ctx, TorrentImpl torrent, PiecePicker picker,
                   PickerPeer pickerPeer, RateLimiter limiter, long requestTimeoutNanos, int maxOutstanding,
                   long nowNanos) {
        this.connection = connection;
        this.ctx = ctx;
        this.torrent = torrent;
        this.picker = picker;
        this.pickerPeer = pickerPeer;
        this.geometry = picker.geometry();
        this.limiter = limiter;
        this.maxOutstanding = maxOutstanding;
        this.requests = new RequestQueue(picker, pickerPeer, nowNanos, requestTimeoutNanos);
        requests.setPeerReqq(Math.min(RequestQueue.DEFAULT_PEER_REQQ, maxOutstanding));
    }

    /** @return payload bytes/s the peer sends us, as of the last tick */
    long rate() {
        return rate;
    }

    /** @return payload bytes the peer sent us */
    long total() {
        return total;
    }

    /** @return whether the peer stalled our requests */
    boolean snubbed() {
        return snubbed;
    }

    /** The peer's {@code reqq} (BEP 10). */
    void peerQueues(int reqq) {
        requests.setPeerReqq(Math.min(reqq, maxOutstanding));
    }

    /** The peer choked us: without the fast extension our requests are void. */
    void choked(boolean fast) {
        requests.choked(fast);
    }

    /** The peer unchoked us. */
    void unchoked() {
        requests.unchoked();
    }

    /** @return whether the rejected block was one we had requested (so it can be picked again) */
    boolean rejected(int piece, int begin, int length) {
        long a = geometry.blockAddress(piece, begin, length);
        return a >= 0 && requests.rejected(a);
    }

    /** Sends requests to bring the pipeline to its depth. */
    void fill(long nowNanos) {
        for (;;) {
            int n = requests.fill(picked, nowNanos);
            for (int i = 0; i < n; i++) {
                long a = picked[i];
                int piece = BlockAddress.piece(a);
                int block = BlockAddress.block(a);
                connection.send(new PeerMessage.Request(piece, geometry.blockOffset(block), geometry.blockLength(piece, block)));
            }
            if (n < picked.length || picked.length >= RequestQueue.MAX_OUTSTANDING) {
                return;
            }
            picked = new long[Math.min(RequestQueue.MAX_OUTSTANDING, picked.length * 2)]; // a full batch: there may be more room
        }
    }

    /** @return whether the pipeline is below its depth */
    boolean wantsMore(long nowNanos) {
        return requests.outstanding() < requests.targetDepth(nowNanos);
    }

    /** Another peer delivered this block first (endgame): cancel our request. */
    void cancel(long address) {
        if (requests.cancel(address)) {
            int piece = BlockAddress.piece(address);
            int block = BlockAddress.block(address);
            connection.send(new PeerMessage.Cancel(piece, geometry.blockOffset(block), geometry.blockLength(piece, block)));
        }
    }

    /**
     * A block arrived; the message is ours to release (or to hand to storage).
     *
     * @return null, or why the peer must be dropped
     */
    String piece(PeerMessage.Piece m, long nowNanos) {
        ByteBuf block = m.block();
        int length = block.readableBytes();
        long a = geometry.blockAddress(m.piece(), m.begin(), length);
        if (a < 0) {
            m.release();
            return "a block that is not one of ours: " + m.piece() + "/" + m.begin() + "/" + length;
        }
        Received r = requests.received(a, nowNanos);
        total += length;
        torrent.countDownloaded(length);
        charge(length);
        if (requests.unrequestedBlocks() > MAX_UNREQUESTED) {
            m.release();
            return "sends blocks we did not ask for";
        }
        if (!r.accepted()) {
            m.release();
            return null;
        }
        boolean full;
        try {
            full = torrent.storage().write(m.piece(), m.begin(), block.nioBuffer(), block::release, ctx.executor(), this);
        } catch (IndexOutOfBoundsException e) {
            picker.writeFailed(a); // the storage released the block
            return "a block outside its piece";
        }
        if (full) {
            diskBlocked = true;
            updateAutoRead();
        }
        if (r.cancelCount() > 0) {
            for (int other : r.cancelPeers()) {
                PeerConnection pc = torrent.peerByPickerId(other);
                if (pc != null && pc != connection) {
                    pc.commands().cancelBlock(a);
                }
            }
        }
        return null;
    }

    private void charge(int n) {
        if (limiter.isUnlimited()) {
            return;
        }
        debt += n;
        if (!rateBlocked) {
            settle();
        }
    }

    /** Takes what was received from the download limit; if it says wait, stops reading until then. */
    private void settle() {
        if (closed) {
            return;
        }
        while (debt > 0) {
            long r = limiter.acquire(debt, Math.min(debt, PieceGeometry.BLOCK_SIZE));
            if (!RateLimiter.granted(r)) {
                rateBlocked = true;
                updateAutoRead();
                ctx.executor().schedule(this::settle, RateLimiter.waitNanos(r), TimeUnit.NANOSECONDS);
                return;
            }
            debt -= r;
        }
        rateBlocked = false;
        updateAutoRead();
    }

    private void updateAutoRead() {
        Channel ch = ctx.channel();
        if (!closed && ch.isActive()) {
            ch.config().setAutoRead(!diskBlocked && !rateBlocked);
        }
    }

    /**
     * Once a second: requests with no progress go back to the picker, rates for the choker.
     *
     * @return whether requests were given back (so more should be picked)
     */
    boolean tick(long nowNanos) {
        boolean expired = requests.expire(nowNanos) > 0;
        rate = requests.downloadRate(nowNanos);
        snubbed = requests.snubbed();
        return expired;
    }

    /** The connection closed: every request and the peer's pieces leave the picker. */
    void closed() {
        closed = true;
        requests.clear();
        picker.peerLeft(pickerPeer);
    }

    @Override
    public void written(int piece, int offset, int length, StorageException error) {
        long a = BlockAddress.of(piece, offset / PieceGeometry.BLOCK_SIZE);
        if (error != null) {
            picker.writeFailed(a);
            if (error.error() != StorageError.CLOSED) {
                torrent.storageFailed(error);
            }
            return;
        }
        if (picker.blockWritten(a)) {
            torrent.pieceComplete(piece);
        }
    }

    @Override
    public void drained() {
        diskBlocked = false;
        updateAutoRead();
    }
}
