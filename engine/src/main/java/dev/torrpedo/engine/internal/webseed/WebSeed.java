package dev.torrpedo.engine.internal.webseed;

import dev.torrpedo.engine.WebSeedStatus;
import dev.torrpedo.engine.internal.limit.RateLimiter;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.picker.BlockAddress;
import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.picker.Received;
import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.metainfo.FileSlice;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.WriteHandler;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One web seed of one torrent: it asks the picker for a run of blocks of one piece (as a
 * peer that has everything and never chokes), fetches the run with one range request per
 * file the run spans ({@link HttpFetch}), cuts the replies into blocks
 * ({@link BlockAssembler}) and writes them to storage like blocks from a peer. A failure
 * gives its blocks back and backs off, doubling from {@link #BACKOFF_MIN} to
 * {@link #BACKOFF_MAX}; {@link #MAX_FAILURES} in a row, a reply that can never work (a
 * missing file, no range support, a forbidden address), or a piece it sent that fails its
 * hash check, drop the seed for the rest of the session.
 *
 * <pre>
 *   IDLE --tick--&gt; FETCHING --run done--&gt; IDLE
 *                     |  error                 ^
 *                     v                        |
 *                  WAITING --back-off over-----+        any --hash failure / hopeless--&gt; DROPPED
 * </pre>
 *
 * <p>Threading: the torrent's control loop only; its HTTP connections live on that loop.
 */
final class WebSeed implements HttpFetch.Listener {
    static final long BACKOFF_MIN = 5_000_000_000L;
    static final long BACKOFF_MAX = 300_000_000_000L;
    static final int MAX_FAILURES = 8;
    private static final Logger LOG = LoggerFactory.getLogger(WebSeed.class);

    private final WebSeeds owner;
    private final TorrentImpl torrent;
    private final String url;
    private final URI base;
    private WebSeedStatus.State state = WebSeedStatus.State.IDLE;
    private String message = "";
    private int failures;
    private long retryAt;
    private long downloaded;

    // per picker (a recheck replaces the picker)
    private PiecePicker picker;
    private PickerPeer peer;
    private Writes writes;
    private final long[] picked = new long[MAX_RUN_BLOCKS];

    // the run being fetched
    private BlockAssembler assembler;
    private final Deque<FileSlice> segments = new ArrayDeque<>();
    private FileSlice segment;
    private WebSeedReply expected;
    private URI requestUrl;
    private int redirects;
    private boolean redirectedFromPublic;
    private final HttpFetch fetch;

    // flow control
    private boolean diskBlocked;
    private boolean rateBlocked;
    private long debt;

    WebSeed(WebSeeds owner, TorrentImpl torrent, String url, URI base) {
        this.owner = owner;
        this.torrent = torrent;
        this.url = url;
        this.base = base;
        this.fetch = new HttpFetch(owner.http(), torrent.loop(), this);
    }

    String url() {
        return url;
    }

    WebSeedStatus status() {
        return new WebSeedStatus(url, state, downloaded, failures, message);
    }

    boolean dropped() {
        return state == WebSeedStatus.State.DROPPED;
    }

    /** @return the picker's id for this seed, or -1 */
    int pickerId() {
        return peer == null ? -1 : peer.id();
    }

    /** Once a second, and when something changed: start the next run if there is work. */
    void tick(long now) {
        if (state == WebSeedStatus.State.DROPPED || state == WebSeedStatus.State.FETCHING) {
            return;
        }
        if (state == WebSeedStatus.State.WAITING) {
            if (now - retryAt < 0) {
                return;
            }
            state = WebSeedStatus.State.IDLE;
        }
        if (!torrent.canDownload() || torrent.isSeeding()) {
            return;
        }
        PiecePicker p = torrent.picker();
        if (p != picker) {
            leavePicker();
            picker = p;
            writes = new Writes(p);
            peer = p.newPeer();
            p.peerHasAll(peer);
            peer.setChoked(false);
        }
        startRun();
    }

    /** The most bytes one run asks for: one piece, or this much of a bigger one. */
    static final int MAX_RUN_BLOCKS = 256;

    private void startRun() {
        PieceGeometry g = picker.geometry();
        int n = picker.pick(peer, picked, Math.min(picked.length, MAX_RUN_BLOCKS));
        if (n == 0) {
            return;
        }
        // the longest run contiguous in the torrent from the first block; the rest go back
        int count = 1;
        while (count < n && next(g, picked[count - 1]) == picked[count]) {
            count++;
        }
        for (int i = count; i < n; i++) {
            picker.release(peer, picked[i]);
        }
        long[] run = java.util.Arrays.copyOf(picked, count);
        int piece = BlockAddress.piece(run[0]);
        long start = (long) piece * g.pieceLength() + g.blockOffset(BlockAddress.block(run[0]));
        long length = 0;
        for (long a : run) {
            length += g.blockLength(BlockAddress.piece(a), BlockAddress.block(a));
        }
        segments.clear();
        segments.addAll(torrent.torrent().fileTree().slices(start, length));
        assembler = new BlockAssembler(io.netty.buffer.PooledByteBufAllocator.DEFAULT, run,
                a -> g.blockLength(BlockAddress.piece(a), BlockAddress.block(a)));
        state = WebSeedStatus.State.FETCHING;
        LOG.trace("{}: {} blocks from piece {} from {}", torrent.id(), count, piece, url);
        nextSegment();
    }

    /** @return the block after {@code a} in the torrent, or -1 after the last */
    private static long next(PieceGeometry g, long a) {
        int piece = BlockAddress.piece(a);
        int block = BlockAddress.block(a);
        if (block + 1 < g.blockCount(piece)) {
            return BlockAddress.of(piece, block + 1);
        }
        return piece + 1 < g.pieceCount() ? BlockAddress.of(piece + 1, 0) : -1;
    }

    /** Pads are zeros here; each file slice is one request. */
    private void nextSegment() {
        while (!segments.isEmpty()) {
            FileSlice s = segments.poll();
            if (s.pad()) {
                assembler.zeros(s.length(), this::block);
                continue;
            }
            segment = s;
            redirects = 0;
            redirectedFromPublic = false;
            requestUrl = WebSeedUrls.fileUrl(base, torrent.torrent().files().get(s.fileIndex()));
            fetch.get(requestUrl, s.fileOffset(), s.length(), false);
            return;
        }
        segment = null;
        if (!assembler.done()) {
            failed("the replies ended before the run", false);
            return;
        }
        assembler = null;
        failures = 0;
        message = "";
        state = WebSeedStatus.State.IDLE;
        owner.snapshot();
        if (!diskBlocked) {
            tick(torrent.session().clock().nanos());
        }
    }

    // ------------------------------------------------------------------ HttpFetch.Listener

    @Override
    public boolean allowed(java.net.InetAddress address, boolean local) {
        if (owner.filtered(address)) {
            failed("the IP filter blocks " + address.getHostAddress(), true);
            return false;
        }
        if (local && (redirectedFromPublic || !owner.allowLocal())) {
            failed(redirectedFromPublic ? "a public web seed redirected to the local address " + address.getHostAddress()
                    : "local web seed address " + address.getHostAddress()
                    + " (allowed only with Settings.allowLocalTrackers)", true);
            return false;
        }
        redirectedFromPublic |= !local;
        return true;
    }

    @Override
    public void headers(HttpResponse r) {
        if (segment == null) {
            return;
        }
        long fileLength = torrent.torrent().files().get(segment.fileIndex()).length();
        expected = WebSeedReply.of(r.status().code(), r.headers().get(HttpHeaderNames.CONTENT_RANGE),
                r.headers().get(HttpHeaderNames.CONTENT_LENGTH), r.headers().get(HttpHeaderNames.LOCATION),
                segment.fileOffset(), segment.length(), fileLength);
        if (expected instanceof WebSeedReply.Redirect redirect) {
            if (++redirects > WebSeedReply.MAX_REDIRECTS) {
                failed("more than " + WebSeedReply.MAX_REDIRECTS + " redirects", false);
                return;
            }
            URI target;
            try {
                target = requestUrl.resolve(redirect.location());
                WebSeedUrls.parse(target.toString());
            } catch (IllegalArgumentException e) {
                failed("a redirect to a bad URL: " + e.getMessage(), true);
                return;
            }
            requestUrl = target;
            fetch.get(target, segment.fileOffset(), segment.length(), true);
        } else if (expected instanceof WebSeedReply.Retry retry) {
            failed(retry.reason(), false);
        } else if (expected instanceof WebSeedReply.Fail fail) {
            failed(fail.reason(), true);
        }
    }

    @Override
    public void content(ByteBuf data, long received) {
        if (!(expected instanceof WebSeedReply.Accept accept) || segment == null) {
            return; // a redirect's body, or after a failure
        }
        if (received > accept.length()) {
            failed("more bytes than asked for", true);
            return;
        }
        int n = data.readableBytes();
        downloaded += n;
        torrent.countDownloaded(n);
        charge(n);
        assembler.append(data, this::block);
    }

    @Override
    public void end(long received) {
        if (!(expected instanceof WebSeedReply.Accept accept) || segment == null) {
            return;
        }
        if (received != accept.length()) {
            failed("the reply ended after " + received + " of " + accept.length() + " bytes", false);
            return;
        }
        expected = null;
        nextSegment();
    }

    @Override
    public void error(String reason) {
        if (state == WebSeedStatus.State.FETCHING) {
            failed(reason, false);
        }
    }

    // ------------------------------------------------------------------ blocks

    private void block(long a, ByteBuf data) {
        int piece = BlockAddress.piece(a);
        int block = BlockAddress.block(a);
        Received r = picker.received(peer, a);
        if (!r.accepted()) {
            data.release();
            return;
        }
        boolean full;
        try {
            full = torrent.storage().write(piece, block * PieceGeometry.BLOCK_SIZE, data.nioBuffer(), data::release,
                    torrent.loop(), writes);
        } catch (IndexOutOfBoundsException e) {
            picker.writeFailed(a);
            failed("a block outside its piece", true);
            return;
        }
        if (full) {
            diskBlocked = true;
            fetch.setAutoRead(false);
        }
        if (r.cancelCount() > 0) {
            for (int other : r.cancelPeers()) {
                PeerConnection pc = torrent.peerByPickerId(other);
                if (pc != null) {
                    pc.commands().cancelBlock(a);
                }
            }
        }
    }

    /**
     * Storage's answers for the blocks written while one picker was current: they land after
     * the seed may have been dropped or the picker replaced, and still count in that picker.
     */
    private final class Writes implements WriteHandler {
        private final PiecePicker p;

        Writes(PiecePicker p) {
            this.p = p;
        }

        @Override
        public void written(int piece, int offset, int length, StorageException error) {
            long a = BlockAddress.of(piece, offset / PieceGeometry.BLOCK_SIZE);
            if (error != null) {
                p.writeFailed(a);
                if (error.error() != StorageError.CLOSED) {
                    torrent.storageFailed(error);
                }
                return;
            }
            if (p.blockWritten(a) && p == torrent.picker()) {
                torrent.pieceComplete(piece);
            }
        }

        @Override
        public void drained() {
            diskBlocked = false;
            fetch.setAutoRead(!rateBlocked);
            if (state == WebSeedStatus.State.IDLE) {
                tick(torrent.session().clock().nanos());
            }
        }
    }

    private void charge(int n) {
        RateLimiter limiter = torrent.transferLimits().download();
        if (limiter.isUnlimited()) {
            return;
        }
        debt += n;
        if (!rateBlocked) {
            settle();
        }
    }

    private void settle() {
        RateLimiter limiter = torrent.transferLimits().download();
        while (debt > 0) {
            long r = limiter.acquire(debt, Math.min(debt, PieceGeometry.BLOCK_SIZE));
            if (!RateLimiter.granted(r)) {
                rateBlocked = true;
                fetch.setAutoRead(false);
                torrent.loop().schedule(this::settle, RateLimiter.waitNanos(r), TimeUnit.NANOSECONDS);
                return;
            }
            debt -= r;
        }
        rateBlocked = false;
        fetch.setAutoRead(!diskBlocked);
    }

    // ------------------------------------------------------------------ failures

    /** Closes the connection and forgets the request in flight and what it had assembled. */
    private void abandonFetch() {
        fetch.close();
        if (assembler != null) {
            assembler.discard();
            assembler = null;
        }
        segments.clear();
        segment = null;
        expected = null;
    }

    private void failed(String reason, boolean hopeless) {
        abandonFetch();
        if (picker != null) {
            picker.releaseAll(peer);
        }
        failures++;
        message = reason;
        if (hopeless || failures >= MAX_FAILURES) {
            drop(reason);
            return;
        }
        long wait = Math.min(BACKOFF_MAX, BACKOFF_MIN << Math.min(20, failures - 1));
        retryAt = torrent.session().clock().nanos() + wait;
        state = WebSeedStatus.State.WAITING;
        owner.snapshot();
        LOG.debug("{}: web seed {} failed ({}); again in {} s", torrent.id(), url, reason, wait / 1_000_000_000L);
    }

    /** The seed sent a piece that failed its hash check, or cannot serve this torrent: never use it again. */
    void drop(String reason) {
        if (state == WebSeedStatus.State.DROPPED) {
            return;
        }
        LOG.info("{}: dropping web seed {}: {}", torrent.id(), url, reason);
        abandonFetch();
        message = reason;
        state = WebSeedStatus.State.DROPPED;
        leavePicker();
        owner.snapshot();
    }

    /** The torrent stopped (pause, recheck, remove): close the connection and leave the picker. */
    void stop() {
        abandonFetch();
        if (state == WebSeedStatus.State.FETCHING) {
            state = WebSeedStatus.State.IDLE;
        }
        leavePicker();
    }

    private void leavePicker() {
        if (picker != null) {
            picker.peerLeft(peer);
        }
        picker = null;
        peer = null;
        writes = null;
    }
}
