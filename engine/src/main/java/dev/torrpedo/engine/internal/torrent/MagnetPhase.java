package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.internal.metadata.MetadataFetch;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.session.SessionImpl;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.MetainfoError;
import dev.torrpedo.metainfo.MetainfoException;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.wire.WireLimits;
import dev.torrpedo.wire.extension.ExtensionMessage;
import dev.torrpedo.wire.extension.MetadataData;
import dev.torrpedo.wire.extension.MetadataReject;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A magnet link's torrent before its metadata is known (BEP 9): the link's trackers and
 * {@code x.pe} peers, a {@link MetadataFetch} over the peers that offer the info dictionary,
 * and the check of what they sent against the info-hash, which runs off the event loops.
 * Liars are banned through the torrent's {@link HashFailures}.
 *
 * <p>Threading: the public methods may be called from any thread (peers' loops) and post to
 * the torrent's control loop, which owns the rest.
 */
public final class MagnetPhase implements MetadataFetch.Listener {
    /** What {@code left} says in announces while the size is unknown (libtorrent's value). */
    static final long UNKNOWN_LEFT = 16 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(MagnetPhase.class);

    private final TorrentImpl torrent;
    private final SessionImpl session;
    private final MagnetLink link;
    private final MetadataFetch fetch;

    MagnetPhase(TorrentImpl torrent, SessionImpl session, MagnetLink link) {
        this.torrent = torrent;
        this.session = session;
        this.link = link;
        this.fetch = new MetadataFetch(WireLimits.DEFAULT.maxMetadataSize(), this);
    }

    /** @return the link's trackers, one tier each (as libtorrent does) */
    static List<List<String>> trackerTiers(MagnetLink link) {
        List<List<String>> tiers = new ArrayList<>();
        for (String tr : link.trackers()) {
            tiers.add(List.of(tr));
        }
        return tiers;
    }

    /** @return the name to show until the metadata gives one: the link's {@code dn}, else the info-hash */
    String displayName() {
        return link.displayName().orElse(torrent.id());
    }

    /**
     * @return file priorities from the link's {@code so} selection (BEP 53): selected files at
     *         4, the others skipped; every file at 4 if the link selects none
     */
    int[] filePriorities(Torrent t) {
        int[] prio = FileLayout.defaultPriorities(t);
        if (link.selectedFiles().isEmpty()) {
            return prio;
        }
        for (TorrentFile f : t.files()) {
            if (!f.isPad() && !link.selects(f.index())) {
                prio[f.index()] = 0;
            }
        }
        return prio;
    }

    /** A peer's extension handshake offers the metadata ({@code ut_metadata} and {@code metadata_size}). */
    public void offered(PeerConnection pc, long size) {
        onLoop(() -> fetch.peerJoined(new Source(pc), size, session.clock().nanos()));
    }

    /** A peer answered a request ({@code ut_metadata} data or reject). */
    public void answered(PeerConnection pc, ExtensionMessage m) {
        long connectionId = pc.id();
        onLoop(() -> {
            long now = session.clock().nanos();
            if (m instanceof MetadataData d) {
                fetch.data(connectionId, d.piece(), d.totalSize(), d.data(), now);
            } else if (m instanceof MetadataReject r) {
                fetch.rejected(connectionId, r.piece(), now);
            }
        });
    }

    /** A peer sent something no honest peer sends (a malformed metadata piece): ban it. */
    public void strike(PeerConnection pc, String reason) {
        InetSocketAddress endpoint = pc.endpoint();
        onLoop(() -> torrent.ban(endpoint, reason));
    }

    private void onLoop(Runnable r) {
        torrent.loop().execute(() -> {
            if (!torrent.hasMetadata()) {
                r.run();
            }
        });
    }

    /** A peer left. */
    void peerLeft(long connectionId) {
        fetch.peerLeft(connectionId, session.clock().nanos());
    }

    /** Every second. */
    void tick(long now) {
        fetch.tick(now);
    }

    @Override
    public void assembled(byte[] info) {
        try {
            // hashing and parsing up to the metadata limit: CPU work, off the loops and off the users' callbacks
            CompletableFuture.supplyAsync(() -> Torrent.fromMagnet(info, link), session.workExecutor())
                    .whenCompleteAsync(this::checked, torrent.loop());
        } catch (RejectedExecutionException closing) {
            // the session is closing
        }
    }

    private void checked(Torrent t, Throwable e) {
        long now = session.clock().nanos();
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause == null) {
            fetch.verified(true, now);
            torrent.lifecycle().metadataVerified(t);
        } else if (cause instanceof MetainfoException me && me.error() == MetainfoError.INFO_HASH_MISMATCH) {
            LOG.info("{}: the metadata from peers does not match the info-hash; fetching it again", torrent.id());
            fetch.verified(false, now);
        } else {
            // it hashes right, so every peer agrees: the torrent itself is broken
            fetch.verified(true, now);
            torrent.metadataUnusable(cause.getMessage());
        }
    }

    @Override
    public void liar(MetadataFetch.Peer peer, String reason) {
        LOG.info("{}: {} sent bad metadata: {}", torrent.id(), peer.endpoint(), reason);
        torrent.ban(peer.endpoint(), reason);
    }

    /** A connection as the fetch sees it. */
    private record Source(PeerConnection pc) implements MetadataFetch.Peer {
        @Override
        public long id() {
            return pc.id();
        }

        @Override
        public InetSocketAddress endpoint() {
            return pc.endpoint();
        }

        @Override
        public void requestMetadata(int piece) {
            pc.commands().requestMetadata(piece);
        }
    }
}
