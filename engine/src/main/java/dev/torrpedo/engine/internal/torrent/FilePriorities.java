package dev.torrpedo.engine.internal.torrent;

import dev.torrpedo.engine.TorrentState;
import dev.torrpedo.engine.internal.peer.PeerConnection;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.metainfo.Torrent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which of a torrent's files are wanted, and how much: the priorities given when it was
 * added (or a magnet link's {@code so}, or the defaults), those the user sets later, and
 * what a change does: the storage learns them, the picker gets its pieces' priorities, the
 * wanted and completed bytes are counted again, a seed that wants more downloads again (and
 * a download that wants no more completes), and every peer reconsiders.
 *
 * <p>Threading: the priorities are volatile, read from any thread; a change is checked on
 * the caller's thread, visible to readers at once, and applied on the torrent's control loop
 * (which sets them again, so the last change applied is what stays).
 */
final class FilePriorities {
    private static final Logger LOG = LoggerFactory.getLogger(FilePriorities.class);

    private final TorrentImpl torrent;
    private final PeerRegistry peers;
    /** As given when the torrent was added (empty: none given). */
    private final int[] requested;
    private volatile int[] current;

    FilePriorities(TorrentImpl torrent, PeerRegistry peers, int[] requested) {
        this.torrent = torrent;
        this.peers = peers;
        this.requested = requested;
    }

    /** The metadata is known: the priorities asked for if they fit its files, else the magnet link's or the defaults. */
    void use(Torrent t, MagnetPhase magnet) {
        int[] prio = requested.length == t.files().size() ? requested
                : magnet != null ? magnet.filePriorities(t) : FileLayout.defaultPriorities(t);
        if (requested.length != 0 && requested != prio) {
            LOG.warn("{}: {} file priorities were given for {} files; using the defaults", torrent.id(),
                    requested.length, t.files().size());
        }
        current = prio;
    }

    /** @return one priority per file (null before the metadata) */
    int[] files() {
        return current;
    }

    /** @return each piece's priority, from the files' */
    int[] pieces() {
        return torrent.layout().piecePriorities(current);
    }

    /** The user's new priorities: checked here, applied on the control loop. */
    void set(int... priorities) {
        Torrent t = torrent.torrent();
        if (t == null) {
            throw new IllegalStateException(torrent.id()
                    + ": the metadata is not known yet (a magnet link's arrives from peers)");
        }
        if (priorities.length != t.files().size()) {
            throw new IllegalArgumentException("priorities: " + priorities.length + " (expected: "
                    + t.files().size() + ", one per file)");
        }
        for (int p : priorities) {
            if (p < 0 || p > PiecePicker.MAX_PRIORITY) {
                throw new IllegalArgumentException("priority: " + p + " (expected: 0..7)");
            }
        }
        int[] copy = priorities.clone();
        current = copy; // read back at once (files(), the rpc's torrent.files); applied below, in order
        torrent.loop().execute(() -> apply(copy));
    }

    private void apply(int[] priorities) {
        TorrentLifecycle lifecycle = torrent.lifecycle();
        if (lifecycle.removed()) {
            return;
        }
        current = priorities;
        torrent.storage().setFilePriorities(priorities, torrent.loop());
        if (!lifecycle.checked()) {
            return;
        }
        PiecePicker p = torrent.picker();
        int[] prio = pieces();
        p.setPiecePriorities(prio);
        FileLayout layout = torrent.layout();
        torrent.pieceCompletion().recount(layout.completed(prio, p), layout.wanted(prio));
        TorrentState state = lifecycle.state();
        if (state == TorrentState.SEEDING && !p.isComplete()) {
            lifecycle.wantedAgain();
        } else {
            lifecycle.completeIfDone();
        }
        for (PeerConnection pc : peers.all()) {
            pc.commands().prioritiesChanged();
        }
        torrent.touch();
    }
}
