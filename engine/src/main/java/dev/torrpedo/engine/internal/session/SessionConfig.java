package dev.torrpedo.engine.internal.session;

import dev.torrpedo.engine.Settings;
import dev.torrpedo.engine.StorageMode;
import dev.torrpedo.metainfo.PeerId;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What {@code Session.Builder} collected, checked, for {@link SessionImpl#start}.
 *
 * @param listenAddress null for every address
 * @param listenPort    0 for any free port
 * @param downloadDir   the default save path
 * @param resumeDir     where resume files go
 * @param settings      the first settings
 * @param clock         null for the system clock with {@code System.nanoTime()}
 * @param random        the session's randomness
 * @param peerId        null to generate one
 * @param storageMode   files or memory
 * @param threads       network threads
 */
public record SessionConfig(InetAddress listenAddress, int listenPort, Path downloadDir, Path resumeDir,
                            Settings settings, Clock clock, RandomGenerator random, PeerId peerId,
                            StorageMode storageMode, int threads) {
}
