package dev.torrpedo.interop;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and starts the real clients. A missing one fails the test with the Debian package
 * that provides it: interop tests never skip.
 */
final class RealPeers {
    /** Debian's python3, the one that can import python3-libtorrent. */
    static final String PYTHON = "/usr/bin/python3";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private RealPeers() {
    }

    /** Fails unless {@code command} is on the PATH; returns its path. */
    static Path require(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(command + " is missing: apt-get install -y " + debianPackage);
    }

    /** Fails unless {@code /usr/bin/python3} can import libtorrent. */
    static void requireLibtorrent() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            throw new AssertionError(PYTHON + " is missing: apt-get install -y python3-libtorrent");
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import libtorrent").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("python3-libtorrent is missing: apt-get install -y python3-libtorrent\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A port free for both TCP and UDP on 127.0.0.1 at the time of the call. */
    static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                } catch (IOException inUse) {
                    // try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("no free port");
    }

    /** The path of one of the python scripts in src/test/resources/python. */
    static Path pythonScript(String name) {
        try {
            return Path.of(RealPeers.class.getResource("/python/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code command} to completion; fails on a non-zero exit. Returns its output. */
    static String run(Path workDir, Duration timeout, String... command) {
        try (PeerProcess p = PeerProcess.start(Path.of(command[0]).getFileName().toString() + "-" + System.nanoTime(),
                workDir, List.of(command))) {
            int code = p.awaitExit(timeout);
            if (code != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + code + ":\n" + p.output());
            }
            return p.output();
        }
    }

    /**
     * The {@code torrpedo} command as a user runs it ({@code java -jar torrpedo.jar}, the jar
     * {@code package} made in client-demo), to completion; fails on a non-zero exit. Returns
     * its output, stdout and stderr together.
     */
    static String torrpedo(Path workDir, Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java().toString(), "-jar", torrpedoJar().toString()));
        cmd.addAll(List.of(args));
        return run(workDir, timeout, cmd.toArray(String[]::new));
    }

    /** The jar {@code package} made in client-demo ({@code java -jar} runs the {@code torrpedo} command); fails if missing. */
    static Path torrpedoJar() {
        String jar = System.getProperty("torrpedo.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new AssertionError("torrpedo.jar not found at " + jar + ": run 'mvn verify -Pinterop', which packages"
                    + " client-demo first");
        }
        return Path.of(jar);
    }

    /** The java command of the Java running these tests. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A python3-libtorrent peer (lt_peer.py) seeding or downloading {@code torrent} into {@code saveDir}. */
    static Started libtorrent(Path workDir, Path torrent, Path saveDir, String encryption, String... peers) {
        return libtorrent(workDir, torrent, saveDir, encryption, List.of(), peers);
    }

    /**
     * {@link #libtorrent(Path, Path, Path, String, String...)} with extra options for lt_peer.py
     * (such as {@code --tcp-only}: libtorrent otherwise dials uTP first and falls back to TCP
     * only after a few seconds).
     */
    static Started libtorrent(Path workDir, Path torrent, Path saveDir, String encryption, List<String> options,
                              String... peers) {
        return ltPeer(workDir, List.of("--torrent", torrent.toString()), saveDir, encryption, options, peers);
    }

    /**
     * A python3-libtorrent peer (lt_peer.py) that starts from a magnet link: the metadata, and
     * for a v2 torrent its piece layers, come from the peers it is told to connect to.
     */
    static Started libtorrentMagnet(Path workDir, String magnet, Path saveDir, String encryption, List<String> options,
                                    String... peers) {
        return ltPeer(workDir, List.of("--magnet", magnet), saveDir, encryption, options, peers);
    }

    /**
     * Starts lt_peer.py on a free port from {@code source} (its {@code --torrent} or
     * {@code --magnet} option) and waits until it listens.
     */
    private static Started ltPeer(Path workDir, List<String> source, Path saveDir, String encryption,
                                  List<String> options, String... peers) {
        requireLibtorrent();
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-u", pythonScript("lt_peer.py").toString(),
                "--port", Integer.toString(port)));
        cmd.addAll(source);
        cmd.addAll(List.of("--save", saveDir.toString(), "--encryption", encryption));
        cmd.addAll(options);
        for (String peer : peers) {
            cmd.add("--peer");
            cmd.add(peer);
        }
        PeerProcess p = PeerProcess.start("libtorrent-" + port, workDir, cmd);
        p.awaitOutput("LISTENING " + port, START_TIMEOUT);
        return new Started(p, port);
    }

    /**
     * A python3-libtorrent DHT node (lt_dht_node.py) on 127.0.0.1, with the restrictions that
     * keep a DHT off loopback turned off. It takes commands on standard input
     * ({@link PeerProcess#send}): {@code ADD host port}, {@code ANNOUNCE hex}, {@code GET_PEERS hex}.
     */
    static Started libtorrentDht(Path workDir) {
        requireLibtorrent();
        int port = freePort();
        PeerProcess p = PeerProcess.start("libtorrent-dht-" + port, workDir, List.of(PYTHON, "-u",
                pythonScript("lt_dht_node.py").toString(), "--port", Integer.toString(port), "--save", workDir.toString()));
        p.awaitOutput("LISTENING " + port, START_TIMEOUT);
        return new Started(p, port);
    }

    /** aria2c seeding {@code torrent} from {@code dir} (or downloading into it), without DHT, LPD or PEX. */
    static Started aria2(Path workDir, Path torrent, Path dir) {
        return aria2(workDir, torrent, dir, List.of());
    }

    /**
     * aria2c as {@link #aria2(Path, Path, Path)}, with {@code extra} options before the torrent
     * (such as {@code --bt-require-crypto=true}, {@code --bt-min-crypto-level=arc4}).
     */
    static Started aria2(Path workDir, Path torrent, Path dir, List<String> extra) {
        Path aria2c = require("aria2c", "aria2");
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(aria2c.toString(),
                "--listen-port=" + port, "--dir=" + dir, "--check-integrity=true", "--seed-ratio=0.0",
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--summary-interval=1", "--console-log-level=notice", "--file-allocation=none"));
        cmd.addAll(extra);
        cmd.add(torrent.toString());
        PeerProcess p = PeerProcess.start("aria2c-" + port, workDir, cmd);
        p.awaitListening(port, START_TIMEOUT);
        return new Started(p, port);
    }

    /** transmission-cli seeding {@code torrent} from {@code dir} (or downloading into it). */
    static Started transmission(Path workDir, Path torrent, Path dir) {
        return transmission(workDir, torrent, dir, null);
    }

    /**
     * transmission-cli as {@link #transmission(Path, Path, Path)}, with an encryption flag:
     * {@code -er} (required), {@code -ep} (preferred), {@code -et} (tolerated), or null for its default.
     * It does not dial peers on 127.x itself: connect to it.
     */
    static Started transmission(Path workDir, Path torrent, Path dir, String encryptionFlag) {
        Path cli = require("transmission-cli", "transmission-cli");
        int port = freePort();
        Path config = workDir.resolve("transmission-" + port);
        try {
            Files.createDirectories(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>(List.of(cli.toString(),
                "-p", Integer.toString(port), "-w", dir.toString(), "-g", config.toString(), "-M", "-U", "-D"));
        if (encryptionFlag != null) {
            cmd.add(encryptionFlag);
        }
        cmd.add(torrent.toString());
        PeerProcess p = PeerProcess.start("transmission-" + port, workDir, cmd);
        p.awaitListening(port, START_TIMEOUT);
        return new Started(p, port);
    }

    /**
     * rtorrent 0.9.8 (libtorrent-rakshasa, a v1-only client) seeding {@code torrent} from
     * {@code dir} (or downloading into it), headless ({@code system.daemon}), without DHT, PEX or
     * UDP trackers, plaintext or encrypted as the other side likes. Its session, its log
     * ({@code rtorrent.log}) and its XML-RPC socket ({@link RtorrentRpc}) are in
     * {@link #rtorrentHome}. It refuses a torrent without a tracker, so a .torrent with none
     * reaches it as a copy with an {@code announce} that leads nowhere (outside the info
     * dictionary: the info-hash stays).
     */
    static Started rtorrent(Path workDir, Path torrent, Path dir) {
        Path bin = require("rtorrent", "rtorrent");
        int port = freePort();
        Path home = rtorrentHome(workDir, port);
        Path rc = home.resolve("rtorrent.rc");
        Path tracked = home.resolve("tracked.torrent");
        try {
            Files.createDirectories(home.resolve("session"));
            BDictionary root = BencodeDecoder.strict().decode(Files.readAllBytes(torrent)).asDictionary();
            Files.write(tracked, root.containsKey("announce") || root.containsKey("announce-list")
                    ? Files.readAllBytes(torrent) : withAnnounce(root, "http://127.0.0.1:" + freePort() + "/announce"));
            Files.write(rc, List.of(
                    "session.path.set = \"" + home.resolve("session") + "\"",
                    "directory.default.set = \"" + dir + "\"",
                    "network.bind_address.set = 127.0.0.1",
                    "network.port_range.set = " + port + "-" + port,
                    "network.port_random.set = no",
                    "dht.mode.set = disable",
                    "protocol.pex.set = no",
                    "trackers.use_udp.set = no",
                    "protocol.encryption.set = allow_incoming,try_outgoing,enable_retry",
                    "network.scgi.open_local = \"" + home.resolve("scgi.sock") + "\"",
                    "log.open_file = \"main\", \"" + home.resolve("rtorrent.log") + "\"",
                    "log.add_output = \"info\", \"main\"",
                    "system.daemon.set = true"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PeerProcess p = PeerProcess.start("rtorrent-" + port, workDir, List.of(bin.toString(),
                "-n", "-o", "import=" + rc, "-o", "load.start_verbose=" + tracked));
        p.awaitListening(port, START_TIMEOUT);
        return new Started(p, port);
    }

    /** The directory of the rtorrent {@link #rtorrent} started in {@code workDir} on {@code port}. */
    static Path rtorrentHome(Path workDir, int port) {
        return workDir.resolve("rtorrent-" + port);
    }

    private static byte[] withAnnounce(BDictionary root, String url) {
        BDictionary.Builder b = BDictionary.builder();
        for (BDictionary.Entry e : root.entries()) {
            b.put(e.key().bytes(), e.value());
        }
        return BencodeEncoder.encode(b.put("announce", url).build());
    }

    /**
     * opentracker on 127.0.0.1, HTTP and UDP on one port, serving only {@code infoHashesHex}.
     * It chroots to {@code workDir} and drops to user nobody, so that directory is made
     * world-readable.
     */
    static Started opentracker(Path workDir, List<String> infoHashesHex) {
        Path bin = require("opentracker", "opentracker");
        int port = freePort();
        try {
            Files.setPosixFilePermissions(workDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path whitelist = workDir.resolve("whitelist");
            Files.write(whitelist, infoHashesHex, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(whitelist, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PeerProcess p = PeerProcess.start("opentracker-" + port, workDir, List.of(bin.toString(),
                "-i", "127.0.0.1", "-p", Integer.toString(port), "-P", Integer.toString(port),
                "-d", workDir.toString(), "-w", "whitelist"));
        p.awaitListening(port, START_TIMEOUT);
        return new Started(p, port);
    }

    /**
     * A started client and the port it listens on.
     *
     * @param process the process; close it to stop the client
     * @param port    its TCP (and, for opentracker, UDP) port on 127.0.0.1
     */
    record Started(PeerProcess process, int port) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }
}
