package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.engine.Event;
import dev.torrpedo.rpc.RpcServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's events as notifications ({@code rpc/README.md}, "Notifications"). Each carries
 * the torrent's {@code id} and the session {@code revision} at which it happened. Piece
 * verifications are not sent one by one: {@code torrent.progress} carries their effect.
 * Runs on the binding's event thread; publishing never blocks.
 */
final class EventBridge implements Consumer<Event> {
    /** The notifications beyond {@link RpcServer#STANDARD_EVENTS}. */
    static final List<String> EXTRA_EVENTS = List.of("torrent.peerBanned", "torrent.trackerError");

    private final RpcServer server;

    EventBridge(RpcServer server) {
        this.server = server;
    }

    @Override
    public void accept(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.torrentId());
        String method;
        switch (e.type()) {
            case TORRENT_ADDED:
                method = "torrent.added";
                m.put("name", ((Event.TorrentAdded) e).name());
                break;
            case METADATA_RECEIVED:
                method = "torrent.metadataReceived";
                m.put("name", ((Event.MetadataReceived) e).name());
                break;
            case STATE_CHANGED:
                method = "torrent.stateChanged";
                m.put("from", ((Event.StateChanged) e).from());
                m.put("to", ((Event.StateChanged) e).to());
                break;
            case TORRENT_COMPLETED:
                method = "torrent.completed";
                break;
            case TORRENT_ERROR:
                method = "torrent.error";
                m.put("message", ((Event.TorrentError) e).message());
                break;
            case TORRENT_REMOVED:
                method = "torrent.removed";
                break;
            case PEER_BANNED:
                method = "torrent.peerBanned";
                m.put("address", Shapes.address(((Event.PeerBanned) e).address()));
                m.put("reason", ((Event.PeerBanned) e).reason());
                break;
            case TRACKER_ERROR:
                method = "torrent.trackerError";
                m.put("url", ((Event.TrackerError) e).url());
                m.put("message", ((Event.TrackerError) e).message());
                break;
            case PIECE_VERIFIED:
                return;
            default:
                throw new AssertionError(e.type());
        }
        m.put("revision", e.revision());
        server.publish(method, m);
    }
}
