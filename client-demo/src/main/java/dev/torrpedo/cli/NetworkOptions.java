package dev.torrpedo.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The connection flags {@code download} and {@code seed} share. */
final class NetworkOptions {
    /** The port BitTorrent clients listen on by default. */
    static final int DEFAULT_PORT = 6881;

    @Option(names = "--port", paramLabel = "P", converter = Converters.Port.class, defaultValue = "6881",
            description = "Port to listen on for peers (TCP and UDP); 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = DEFAULT_PORT;

    @Option(names = "--peer", paramLabel = "HOST:PORT", converter = Converters.Peer.class,
            description = "Connect to this peer directly (repeatable): 192.0.2.7:6881, [2001:db8::7]:6881 or"
                    + " seed.example:6881.")
    List<HostPort> peers = new ArrayList<>();

    @Option(names = "--encryption", paramLabel = "POLICY", converter = Converters.EncryptionPolicy.class,
            completionCandidates = Converters.EncryptionNames.class, defaultValue = "prefer",
            description = "Peer encryption (MSE/PE): ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Encryption encryption = Encryption.PREFER;
}
