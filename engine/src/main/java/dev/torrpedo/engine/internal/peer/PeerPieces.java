package dev.torrpedo.engine.internal.peer;

import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.internal.limit.TransferLimits;
import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.wire.AllowedFastSet;
import dev.torrpedo.wire.PeerMessage;
import io.netty.channel.ChannelHandlerContext;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * One connection's share of the torrent's piece machinery, set up once the data is checked
 * (at the handshake, or when a magnet link's metadata arrives): the picker's handle for the
 * peer, the request pipeline ({@link PeerDownloader}), the upload queue
 * ({@link PeerUploader}) and the hash messages ({@link PeerHashes}); what we tell the peer we
 * have (bitfield, allowed fast set, HAVE, a super-seed's offers); what it tells us it has;
 * and our interest, from which the pipeline is filled.
 *
 * <p>Threading: the connection's event loop only, as {@link PeerConnection}; our interest is
 * volatile (peer snapshots read it from other threads).
 */
final class PeerPieces {
    private static final int ALLOWED_FAST_COUNT = 10;

    private final PeerConnection connection;
    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final boolean fast;
    final PiecePicker picker;
    final PieceGeometry geometry;
    final PickerPeer pickerPeer;
    final PeerDownloader downloader;
    final PeerUploader uploader;
    final PeerHashes hashes;
    private volatile boolean amInterested;
    private boolean needFill;

    /** Joins the torrent's piece machinery: picker, request pipeline, upload queue. */
    PeerPieces(PeerConnection connection, ChannelHandlerContext ctx, TorrentImpl t, SessionImpl session, Settings s,
               boolean fast, boolean v2, int peerReqq) {
        this.connection = connection;
        this.torrent = t;
        this.session = session;
        this.fast = fast;
        long now = session.clock().nanos();
        this.picker = t.picker();
        this.geometry = t.geometry();
        this.pickerPeer = picker.newPeer();
        TransferLimits limits = t.transferLimits().newChild();
        this.downloader = new PeerDownloader(connection, ctx, t, picker, pickerPeer, limits.download(),
                s.requestTimeout().toNanos(), s.maxOutstandingRequests(), now);
        this.uploader = new PeerUploader(connection, ctx, t, limits.upload(), fast, s.maxIncomingRequests(), now);
        this.hashes = new PeerHashes(connection, ctx, t, v2);
        if (peerReqq > 0) {
            downloader.peerQueues(peerReqq);
        }
    }

    /** @return whether we are interested in the peer */
    boolean amInterested() {
        return amInterested;
    }

    /** @return whether the pipeline should be filled (at the end of this read, or now) */
    boolean needsFill() {
        return needFill;
    }

    // ------------------------------------------------------------------ what we have

    /** Tells the peer what we have: a bitfield, HAVE ALL or HAVE NONE, or a super-seed's first offer. */
    void sendBitfield() {
        if (torrent.extras().superSeedingNow()) { // BEP 16: no bitfield; one piece at a time
            if (fast) {
                connection.send(PeerMessage.HAVE_NONE);
            }
            offerNextPiece();
            return;
        }
        int n = geometry.pieceCount();
        int have = picker.stats().have();
        if (have == n && fast) {
            connection.send(PeerMessage.HAVE_ALL);
        } else if (have == 0) {
            if (fast) {
                connection.send(PeerMessage.HAVE_NONE);
            }
        } else {
            byte[] bits = new byte[(n + 7) >>> 3];
            for (int i = 0; i < n; i++) {
                if (picker.has(i)) {
                    bits[i >>> 3] |= (byte) (0x80 >>> (i & 7));
                }
            }
            connection.send(new PeerMessage.Bitfield(bits));
        }
    }

    /** Sends HAVE for every piece we have (we said HAVE NONE, or nothing, before the metadata). */
    private void sendHaves() {
        if (picker.stats().have() == 0) {
            return;
        }
        for (int i = 0, n = geometry.pieceCount(); i < n; i++) {
            if (picker.has(i)) {
                connection.send(new PeerMessage.Have(i));
            }
        }
    }

    /** BEP 6: the pieces of the peer's allowed fast set that we have, which it may ask for while choked. */
    void sendAllowedFast(InetAddress address, byte[] wireHash) {
        if (address == null) {
            return;
        }
        int n = geometry.pieceCount();
        int[] set = AllowedFastSet.compute(address, wireHash, n, Math.min(ALLOWED_FAST_COUNT, n));
        int k = 0;
        for (int p : set) {
            if (picker.has(p)) {
                set[k++] = p;
                connection.send(new PeerMessage.AllowedFast(p));
            }
        }
        uploader.setAllowedFast(Arrays.copyOf(set, k));
    }

    /**
     * Joined after a magnet link's metadata arrived: what the peer said it has meanwhile goes
     * to the picker, and we tell it what we have (we said HAVE NONE, or nothing, before).
     *
     * @return false if what it said was a violation (the connection is closing)
     */
    boolean joinedLate(EarlyAvailability said, InetAddress address, byte[] wireHash) {
        String violation = said == null ? null : said.applyTo(picker, pickerPeer, geometry.pieceCount());
        if (violation != null) {
            connection.closeNow(violation);
            return false;
        }
        sendHaves();
        if (fast) {
            sendAllowedFast(address, wireHash);
        }
        if (!connection.peerChoking()) {
            downloader.unchoked();
        }
        availabilityChanged();
        if (connection.open() && needFill) {
            fill();
        }
        return true;
    }

    /** We verified a piece: tell the peer, and reconsider our interest. */
    void verified(int piece) {
        if (!pickerPeer.has(piece)) {
            connection.send(new PeerMessage.Have(piece));
        }
        updateInterest();
        fill();
    }

    /** Super-seeding: show the peer its next piece. */
    private void offerNextPiece() {
        int p = torrent.extras().offer(connection.id(), pickerPeer, torrent.picker());
        if (p >= 0) {
            connection.send(new PeerMessage.Have(p));
        }
    }

    // ------------------------------------------------------------------ messages

    /** The peer chokes us. */
    void choked() {
        downloader.choked(fast);
    }

    /** The peer unchokes us. */
    void unchoked() {
        downloader.unchoked();
        needFill = true;
    }

    /**
     * A message about pieces: what the peer has, its requests, blocks, rejects, allowed fast
     * and suggested pieces, BEP 52 hashes.
     */
    void onMessage(PeerMessage m) {
        boolean peerChoking = connection.peerChoking();
        switch (m.type()) {
            case HAVE: {
                int piece = ((PeerMessage.Have) m).piece();
                picker.peerHas(pickerPeer, piece);
                availabilityChanged();
                if (torrent.extras().offerDone(connection.id(), piece)) {
                    offerNextPiece();
                }
                break;
            }
            case BITFIELD: {
                PeerMessage.Bitfield bf = (PeerMessage.Bitfield) m;
                bf.checkPieceCount(geometry.pieceCount());
                picker.peerBitfield(pickerPeer, bf.bits());
                availabilityChanged();
                break;
            }
            case HAVE_ALL:
                picker.peerHasAll(pickerPeer);
                availabilityChanged();
                break;
            case HAVE_NONE:
                availabilityChanged();
                break;
            case REQUEST: {
                PeerMessage.Request r = (PeerMessage.Request) m;
                uploader.request(r.piece(), r.begin(), r.length());
                break;
            }
            case CANCEL: {
                PeerMessage.Cancel c = (PeerMessage.Cancel) m;
                uploader.cancel(c.piece(), c.begin(), c.length());
                break;
            }
            case PIECE: {
                String violation = downloader.piece((PeerMessage.Piece) m, session.clock().nanos());
                if (violation != null) {
                    connection.closeNow(violation);
                } else {
                    needFill = true;
                }
                break;
            }
            case REJECT: {
                PeerMessage.Reject r = (PeerMessage.Reject) m;
                if (downloader.rejected(r.piece(), r.begin(), r.length()) && !peerChoking) {
                    needFill = true;
                }
                break;
            }
            case ALLOWED_FAST: {
                int p = ((PeerMessage.AllowedFast) m).piece();
                if (p >= 0 && p < geometry.pieceCount() && pickerPeer.addAllowedFast(p) && peerChoking) {
                    needFill = true;
                }
                break;
            }
            case SUGGEST: {
                int p = ((PeerMessage.Suggest) m).piece();
                if (p >= 0 && p < geometry.pieceCount()) {
                    pickerPeer.suggest(p);
                }
                break;
            }
            case HASH_REQUEST:
            case HASHES:
            case HASH_REJECT:
                hashes.onMessage(m);
                break;
            default:
                // unknown ids: ignored
                break;
        }
    }

    /** BEP 54: the peer no longer has this piece. */
    void peerLost(int piece) {
        if (piece >= 0 && piece < geometry.pieceCount() && picker.peerDoesNotHave(pickerPeer, piece)) {
            availabilityChanged();
        }
    }

    /** What the peer has changed: a seed meeting a seed closes; otherwise our interest is reconsidered. */
    void availabilityChanged() {
        connection.peerHas(pickerPeer.hasAll(), pickerPeer.pieceCount());
        if (pickerPeer.hasAll() && torrent.isSeeding()) {
            connection.closeNow("both seeds");
            return;
        }
        updateInterest();
        if (!connection.peerChoking() || fast) {
            needFill = true;
        }
    }

    /** Sends INTERESTED or NOT INTERESTED if that changed. */
    void updateInterest() {
        boolean want = !torrent.isSeeding() && torrent.canDownload() && picker.interesting(pickerPeer);
        if (want != amInterested) {
            amInterested = want;
            connection.send(want ? PeerMessage.INTERESTED : PeerMessage.NOT_INTERESTED);
        }
        if (want) {
            needFill = true;
        }
    }

    /** Fills the request pipeline, if we are interested. */
    void fill() {
        needFill = false;
        if (amInterested) {
            downloader.fill(session.clock().nanos());
        }
    }

    // ------------------------------------------------------------------ timers

    /** Once a second: timed-out requests, the upload queue, and a fill if due. */
    void tick(long now) {
        if (downloader.tick(now)) {
            needFill = true;
        }
        uploader.tick(now);
        if (amInterested && downloader.wantsMore(now)) {
            needFill = true;
        }
        if (needFill) {
            fill();
        }
    }

    /** The connection ended. */
    void closed() {
        downloader.closed();
        uploader.closed();
    }
}
