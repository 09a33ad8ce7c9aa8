package dev.torrpedo.rpc.internal.engine;

import dev.torrpedo.engine.AddResult;
import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Changes;
import dev.torrpedo.engine.FileStatus;
import dev.torrpedo.engine.PeerInfo;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.TorrentHandle;
import dev.torrpedo.engine.TorrentLimits;
import dev.torrpedo.engine.TorrentStatus;
import dev.torrpedo.engine.TrackerStatus;
import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import dev.torrpedo.rpc.RpcServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code torrent.*} methods of {@code rpc/README.md}, bound to a {@link Session}. */
final class TorrentMethods {
    private static final Logger LOG = LoggerFactory.getLogger(TorrentMethods.class);
    private static final Map<String, Object> DONE = Map.of();

    /** {@code torrent.add} params. */
    record Add(String magnet, byte[] torrent, String path, String savePath, Boolean paused, Boolean sequential,
               List<Integer> filePriorities, List<String> peers, LimitsPatch limits, Boolean failIfDuplicate) {
    }

    /** Params naming one torrent. */
    record Id(String id) {
    }

    /** {@code torrent.get} params. */
    record Get(String id, List<String> fields) {
    }

    /** {@code torrent.remove} params. */
    record Remove(String id, Boolean deleteData) {
    }

    /** One entry of {@code torrent.setFilePriorities} {@code files}. */
    record FilePriority(int index, int priority) {
    }

    /** {@code torrent.setFilePriorities} params. */
    record Priorities(String id, List<Integer> priorities, List<FilePriority> files) {
    }

    /** {@code torrent.setOptions} params. */
    record Options(String id, Boolean sequential, LimitsPatch limits) {
    }

    /** {@code torrent.move} params. */
    record Move(String id, String savePath) {
    }

    private final Session session;
    private final AllowedRoots roots;

    TorrentMethods(Session session, AllowedRoots roots) {
        this.session = session;
        this.roots = roots;
    }

    /** Registers every {@code torrent.*} method. */
    void register(RpcServer.Builder b) {
        // reads a .torrent file and resolves peer host names
        b.blockingMethod("torrent.add", Add.class, this::add);
        b.method("torrent.list", TorrentQuery.ListParams.class, this::list);
        b.method("torrent.get", Get.class, p -> TorrentQuery.project(Shapes.status(handle(p.id()).status()),
                TorrentQuery.fields("fields", p.fields())));
        b.method("torrent.files", Id.class, p -> {
            TorrentHandle t = handle(p.id());
            return withId(t, "files", t.files());
        });
        b.method("torrent.peers", Id.class, p -> {
            TorrentHandle t = handle(p.id());
            return withId(t, "peers", peers(t.peers()));
        });
        b.method("torrent.trackers", Id.class, p -> {
            TorrentHandle t = handle(p.id());
            return withId(t, "trackers", trackers(t.trackers()));
        });
        b.method("torrent.pause", Id.class, p -> {
            handle(p.id()).pause();
            return DONE;
        });
        b.method("torrent.resume", Id.class, p -> {
            handle(p.id()).resume();
            return DONE;
        });
        b.method("torrent.recheck", Id.class, p -> {
            TorrentHandle t = handle(p.id());
            t.recheck().whenComplete((v, e) -> {
                if (e != null) {
                    LOG.info("{}: recheck ended: {}", t.id(), e.toString());
                }
            });
            return DONE;
        });
        b.method("torrent.reannounce", Id.class, p -> {
            handle(p.id()).reannounce();
            return DONE;
        });
        b.method("torrent.remove", Remove.class, p -> handle(p.id()).remove(Boolean.TRUE.equals(p.deleteData()))
                .thenApply(v -> DONE));
        b.method("torrent.setFilePriorities", Priorities.class, this::setFilePriorities);
        b.method("torrent.setOptions", Options.class, this::setOptions);
        b.method("torrent.move", Move.class, p -> {
            TorrentHandle t = handle(p.id());
            Path to = roots.resolve("savePath", Checks.required("savePath", p.savePath()));
            return t.move(to).thenApply(v -> DONE);
        });
    }

    private TorrentHandle handle(String id) {
        Checks.required("id", id);
        return session.torrent(id).orElseThrow(() -> RpcException.notFound("torrent", Checks.clip(id)));
    }

    private static Map<String, Object> withId(TorrentHandle t, String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put(name, value);
        return m;
    }

    private CompletableFuture<Map<String, Object>> add(Add p) {
        TorrentSource source = TorrentSource.read(p.magnet(), p.torrent(), p.path(), roots);
        Path savePath = p.savePath() == null ? roots.base() : roots.resolve("savePath", p.savePath());
        int[] priorities = priorities(p.filePriorities(), source);
        List<InetSocketAddress> peers = PeerAddresses.resolve("peers", p.peers());
        TorrentLimits limits = p.limits() == null ? TorrentLimits.NONE : p.limits().applyTo(TorrentLimits.NONE, "limits");
        AddTorrent add = (source.torrent() != null ? AddTorrent.bytes(source.bytes()) : AddTorrent.magnet(p.magnet()))
                .withSavePath(savePath)
                .withPaused(Boolean.TRUE.equals(p.paused()))
                .withSequential(Boolean.TRUE.equals(p.sequential()))
                .withFilePriorities(priorities)
                .withPeers(peers.toArray(new InetSocketAddress[0]))
                .withLimits(limits);
        boolean failIfDuplicate = Boolean.TRUE.equals(p.failIfDuplicate());
        return session.addTorrent(add).handle((AddResult r, Throwable e) -> {
            if (e != null) {
                throw addFailed(e);
            }
            if (r.duplicate() && failIfDuplicate) {
                throw RpcException.duplicate(r.handle().id());
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.handle().id());
            m.put("name", r.handle().name());
            m.put("duplicate", r.duplicate());
            return m;
        });
    }

    private static RuntimeException addFailed(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (e instanceof IllegalArgumentException) {
            return RpcException.invalidTorrent("Invalid torrent: " + Checks.clip(String.valueOf(e.getMessage()), 500));
        }
        return e instanceof RuntimeException ? (RuntimeException) e : new CompletionException(e);
    }

    private static int[] priorities(List<Integer> given, TorrentSource source) {
        if (given == null) {
            return new int[0];
        }
        int files = source.torrent() != null ? source.torrent().files().size() : -1;
        if (files >= 0 && given.size() != files) {
            throw Checks.invalid("filePriorities", "must hold one priority per file (" + files + "), got "
                    + given.size());
        }
        return checkedPriorities("filePriorities", given);
    }

    private static int[] checkedPriorities(String param, List<Integer> given) {
        int[] out = new int[given.size()];
        for (int i = 0; i < out.length; i++) {
            int v = given.get(i);
            if (v < 0 || v > 7) {
                throw Checks.invalid(param + "[" + i + "]", "must be a priority in 0..7, got " + v);
            }
            out[i] = v;
        }
        return out;
    }

    private Map<String, Object> list(TorrentQuery.ListParams p) {
        // one pass: the revision is read first, so every status is at least as new
        Changes all = session.changesSince(0);
        List<Map<String, Object>> statuses = new ArrayList<>(all.changed().size());
        for (TorrentStatus s : all.changed()) {
            statuses.add(Shapes.status(s));
        }
        return TorrentQuery.list(all.revision(), statuses, p);
    }

    private Object setFilePriorities(Priorities p) {
        TorrentHandle t = handle(p.id());
        if ((p.priorities() == null) == (p.files() == null)) {
            throw new RpcException(RpcErrorCode.INVALID_PARAMS, "Invalid params: give exactly one of 'priorities'"
                    + " (one per file) and 'files' ([{index, priority}])", Map.of("param", "priorities|files"));
        }
        List<FileStatus> files = t.files();
        String param = p.priorities() != null ? "priorities" : "files";
        if (files.isEmpty()) {
            throw Checks.invalid(param, "cannot be set yet: the torrent's files are not known (no metadata)");
        }
        int[] next;
        if (p.priorities() != null) {
            if (p.priorities().size() != files.size()) {
                throw Checks.invalid("priorities", "must hold one priority per file (" + files.size() + "), got "
                        + p.priorities().size());
            }
            next = checkedPriorities("priorities", p.priorities());
        } else {
            next = new int[files.size()];
            for (FileStatus f : files) {
                next[f.index()] = f.priority();
            }
            for (int i = 0; i < p.files().size(); i++) {
                FilePriority f = p.files().get(i);
                if (f.index() < 0 || f.index() >= next.length) {
                    throw Checks.invalid("files[" + i + "].index", "must be a file index in 0.." + (next.length - 1)
                            + ", got " + f.index());
                }
                if (f.priority() < 0 || f.priority() > 7) {
                    throw Checks.invalid("files[" + i + "].priority", "must be a priority in 0..7, got " + f.priority());
                }
                next[f.index()] = f.priority();
            }
        }
        t.setFilePriorities(next);
        return DONE;
    }

    private Object setOptions(Options p) {
        TorrentHandle t = handle(p.id());
        // check everything before changing anything
        TorrentLimits limits = p.limits() == null ? null : p.limits().applyTo(t.limits(), "limits");
        if (p.sequential() != null) {
            t.setSequential(p.sequential());
        }
        if (limits != null) {
            t.setLimits(limits);
        }
        return DONE;
    }

    private static List<Map<String, Object>> peers(List<PeerInfo> peers) {
        List<Map<String, Object>> out = new ArrayList<>(peers.size());
        for (PeerInfo p : peers) {
            out.add(Shapes.peer(p));
        }
        return out;
    }

    private static List<Map<String, Object>> trackers(List<TrackerStatus> trackers) {
        List<Map<String, Object>> out = new ArrayList<>(trackers.size());
        for (TrackerStatus t : trackers) {
            out.add(Shapes.tracker(t));
        }
        return out;
    }
}
