package dev.torrpedo.cli;

import dev.torrpedo.engine.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The peer-discovery flags {@code download}, {@code seed} and {@code rpc} share: whether the
 * DHT and local service discovery run, and where the DHT starts.
 */
final class DiscoveryOptions {
    @Option(names = "--no-dht", description = "Do not use the DHT to find peers.")
    boolean noDht;

    @Option(names = "--no-lsd", description = "Do not use local service discovery to find peers.")
    boolean noLsd;

    @Option(names = "--dht-bootstrap", paramLabel = "HOST:PORT", converter = Converters.Peer.class,
            description = "Start the DHT from this node instead of the public routers (repeatable; a host name is"
                    + " resolved at start). When every one is a loopback or private address, it is a DHT of your own.")
    List<HostPort> dhtBootstrap = new ArrayList<>();

    /**
     * @return {@code settings} with these flags applied
     * @throws CliException {@link ExitCode#USAGE} for {@code --dht-bootstrap} with
     *                      {@code --no-dht} or past {@link Settings#MAX_DHT_BOOTSTRAP} nodes,
     *                      {@link ExitCode#RUNTIME} for a host name that does not resolve
     */
    Settings.Builder apply(Settings.Builder settings) {
        settings.dht(!noDht).lsd(!noLsd);
        if (dhtBootstrap.isEmpty()) {
            return settings;
        }
        if (noDht) {
            throw CliException.usage("--dht-bootstrap contradicts --no-dht");
        }
        if (dhtBootstrap.size() > Settings.MAX_DHT_BOOTSTRAP) {
            throw CliException.usage("--dht-bootstrap given " + dhtBootstrap.size() + " times (expected: at most "
                    + Settings.MAX_DHT_BOOTSTRAP + ")");
        }
        return settings.dhtBootstrap(Arrays.asList(EngineSessions.resolve(dhtBootstrap, "--dht-bootstrap")));
    }
}
