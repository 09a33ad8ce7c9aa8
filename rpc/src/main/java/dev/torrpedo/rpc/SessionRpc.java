package dev.torrpedo.rpc;

import dev.torrpedo.engine.Session;
import dev.torrpedo.rpc.internal.engine.EngineBinding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine's methods of {@code rpc/README.md} ({@code session.*}, {@code metainfo.inspect},
 * {@code torrent.*}), its notifications and {@code sync.get}, bound to one {@link Session}.
 *
 * <pre>{@code
 * try (Session session = Session.builder().downloadDir(dir).build()) {
 *     RpcServer server = SessionRpc.builder(session, dir).engineVersion("0.1.0").build();
 *     server.serveStdio();   // returns after stdin EOF or engine.shutdown, the session closed
 * }
 * }</pre>
 *
 * <p>The server owns the session from then on: shutting it down ({@code engine.shutdown}, the
 * end of the input, {@link RpcServer#close()}) closes the session, which saves resume data and
 * tells the trackers {@code stopped}. Every path a client names (save paths, .torrent files)
 * must fall under one of the allowed roots.
 */
public final class SessionRpc {
    private SessionRpc() {
    }

    /**
     * A builder for a server over {@code session}.
     *
     * @param session the running session; closed when the server shuts down
     * @param downloadDir the session's download directory: the default save path, what relative
     *     paths are resolved against, and the allowed root unless others are given
     * @return a new builder
     */
    public static Builder builder(Session session, Path downloadDir) {
        return new Builder(session, downloadDir);
    }

    /** Settings of the bound server; each is checked when set, with a message that names it. */
    public static final class Builder {
        private final Session session;
        private final Path downloadDir;
        private final List<Path> allowedRoots = new ArrayList<>();
        private String engineVersion = "unknown";
        private RpcLimits limits = RpcLimits.defaults();

        private Builder(Session session, Path downloadDir) {
            this.session = Objects.requireNonNull(session, "session");
            this.downloadDir = Objects.requireNonNull(downloadDir, "downloadDir").toAbsolutePath().normalize();
        }

        /**
         * Directories under which clients may name paths (save paths, moves, .torrent files).
         * Default: the download directory alone. Calls add to the list.
         *
         * @param roots directories (made absolute)
         * @return this
         */
        public Builder allowedRoots(List<Path> roots) {
            for (Path r : roots) {
                allowedRoots.add(Objects.requireNonNull(r, "allowed root").toAbsolutePath().normalize());
            }
            return this;
        }

        /**
         * The version {@code engine.hello} reports.
         *
         * @param version e.g. {@code "0.1.0"}
         * @return this
         */
        public Builder engineVersion(String version) {
            engineVersion = Objects.requireNonNull(version, "engineVersion");
            return this;
        }

        /**
         * The limits each client is held to.
         *
         * @param rpcLimits default {@link RpcLimits#defaults()}
         * @return this
         */
        public Builder limits(RpcLimits rpcLimits) {
            limits = Objects.requireNonNull(rpcLimits, "limits");
            return this;
        }

        /**
         * The server, subscribed to the session's events. It starts a thread for those events
         * (stopped on shutdown) and otherwise none until a client is served.
         *
         * @return a new server
         */
        public RpcServer build() {
            List<Path> roots = allowedRoots.isEmpty() ? List.of(downloadDir) : List.copyOf(allowedRoots);
            return EngineBinding.bind(session, downloadDir, roots, RpcServer.builder().engineVersion(engineVersion)
                    .limits(limits));
        }
    }
}
