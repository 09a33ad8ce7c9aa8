package dev.torrpedo.cli;

import dev.torrpedo.engine.AddTorrent;
import dev.torrpedo.engine.Session;
import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.TorrentHandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What {@code download} and {@code seed} share to reach the engine: its settings from the
 * flags, a session on the port asked for, the peers named with {@code --peer}, and adding
 * the torrent, each failure turned into a one-line {@link CliException}.
 */
final class EngineSessions {
    private EngineSessions() {
    }

    /** @return the engine's settings for the flags {@code download} and {@code seed} take */
    static Settings.Builder settings(NetworkOptions network, DiscoveryOptions discovery) {
        return discovery.apply(Settings.defaults().toBuilder().encryption(network.encryption.engine()));
    }

    /** @return {@code rate} checked against what the engine takes */
    static long rate(long rate, String flag) {
        if (rate > Settings.MAX_RATE) {
            throw CliException.usage(flag + " " + rate + ": too large (expected: at most " + Settings.MAX_RATE
                    + " bytes/s; 0 for no limit)");
        }
        return rate;
    }

    /**
     * Starts {@code builder}'s session listening on {@code port}.
     *
     * @throws CliException ({@link ExitCode#RUNTIME}) if the port cannot be bound
     */
    static Session start(Session.Builder builder, int port) {
        try {
            return builder.listenPort(port).build();
        } catch (UncheckedIOException e) {
            throw CliException.runtime("cannot listen on port " + port + ": " + ErrorReporter.message(e.getCause())
                    + " (choose another with --port, or --port 0 for any free one)", e);
        }
    }

    /**
     * @return the peers to dial: IP literals as they are, host names resolved now
     * @throws CliException ({@link ExitCode#RUNTIME}) for a name that does not resolve
     */
    static InetSocketAddress[] peers(List<HostPort> peers) {
        return resolve(peers, "--peer");
    }

    /**
     * @return the addresses {@code flag} named: IP literals as they are, host names resolved now
     * @throws CliException ({@link ExitCode#RUNTIME}) for a name that does not resolve
     */
    static InetSocketAddress[] resolve(List<HostPort> peers, String flag) {
        InetSocketAddress[] out = new InetSocketAddress[peers.size()];
        for (int i = 0; i < out.length; i++) {
            HostPort p = peers.get(i);
            InetSocketAddress a = p.toSocketAddress();
            if (a.isUnresolved()) {
                a = new InetSocketAddress(p.host(), p.port());
                if (a.isUnresolved()) {
                    throw CliException.runtime(flag + " " + p + ": cannot resolve " + p.host(), null);
                }
            }
            out[i] = a;
        }
        return out;
    }

    /**
     * Adds {@code add} to {@code session} and waits for its handle.
     *
     * @throws CliException {@link ExitCode#BAD_TORRENT} for a torrent the engine refuses,
     *                      {@link ExitCode#RUNTIME} for a file that cannot be read
     */
    static TorrentHandle add(Session session, AddTorrent add) throws InterruptedException {
        try {
            return session.add(add).get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IllegalArgumentException) {
                throw CliException.badTorrent("bad torrent: " + cause.getMessage(), cause);
            }
            if (cause instanceof IOException) {
                throw CliException.runtime("cannot read the torrent: " + ErrorReporter.message(cause), cause);
            }
            throw CliException.runtime("cannot add the torrent: " + ErrorReporter.message(cause), cause);
        }
    }
}
