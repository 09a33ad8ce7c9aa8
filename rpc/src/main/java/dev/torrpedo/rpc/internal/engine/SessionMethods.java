package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.rpc.RpcServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code session.getSettings}, {@code session.setSettings}, {@code session.stats} and {@code metainfo.inspect}. */
final class SessionMethods {

    /** {@code metainfo.inspect} params: exactly one source. */
    record Inspect(String magnet, byte[] torrent, String path) {
    }

    private final Session session;
    private final AllowedRoots roots;
    /** Serialises read-modify-write of the settings across clients; never held while waiting. */
    private final Object settingsLock = new Object();

    SessionMethods(Session session, AllowedRoots roots) {
        this.session = session;
        this.roots = roots;
    }

    /** Registers the methods. */
    void register(RpcServer.Builder b) {
        b.method("session.getSettings", Void.class, p -> SettingsShape.toJson(session.settings(), fixed()));
        b.method("session.setSettings", SettingsShape.Patch.class, this::setSettings);
        b.method("session.stats", Void.class, p -> Shapes.stats(session.stats()));
        // may read a .torrent file
        b.blockingMethod("metainfo.inspect", Inspect.class,
                p -> inspect(TorrentSource.read(p.magnet(), p.torrent(), p.path(), roots)));
    }

    private SettingsShape.Fixed fixed() {
        return new SettingsShape.Fixed(roots.base(), roots.roots(), session.listenPort());
    }

    private Map<String, Object> setSettings(SettingsShape.Patch p) {
        SettingsShape.Fixed fixed = fixed();
        synchronized (settingsLock) {
            Settings next = SettingsShape.apply(session.settings(), fixed, p);
            session.apply(next);
            return SettingsShape.toJson(next, fixed);
        }
    }

    /** The {@code metainfo.inspect} result. */
    static Map<String, Object> inspect(TorrentSource source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", source.id());
        Torrent t = source.torrent();
        if (t == null) {
            MagnetLink link = source.magnet();
            m.put("name", link.displayName().orElse(null));
            m.put("metadata", false);
            m.put("version", null);
            m.put("totalSize", null);
            m.put("pieceLength", null);
            m.put("pieceCount", null);
            m.put("private", false);
            m.put("comment", null);
            m.put("createdBy", null);
            m.put("creationDate", null);
            List<List<String>> tiers = new ArrayList<>();
            for (String tracker : link.trackers()) {
                tiers.add(List.of(tracker));
            }
            m.put("trackers", tiers);
            m.put("webSeeds", link.webSeeds());
            m.put("files", List.of());
            return m;
        }
        m.put("name", t.name());
        m.put("metadata", true);
        m.put("version", t.version());
        m.put("totalSize", t.totalSize());
        m.put("pieceLength", t.pieceLength());
        m.put("pieceCount", t.pieceCount());
        m.put("private", t.isPrivate());
        m.put("comment", t.comment().orElse(null));
        m.put("createdBy", t.createdBy().orElse(null));
        m.put("creationDate", t.creationDate().map(Shapes::millis).orElse(null));
        m.put("trackers", t.trackers());
        m.put("webSeeds", t.webSeeds());
        List<Map<String, Object>> files = new ArrayList<>(t.files().size());
        for (TorrentFile f : t.files()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("index", f.index());
            file.put("path", String.join("/", f.safePath()));
            file.put("size", f.length());
            file.put("pad", f.isPad());
            files.add(file);
        }
        m.put("files", files);
        return m;
    }
}
