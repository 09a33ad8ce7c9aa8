package dev.torrpedo.engine;

import dev.torrpedo.engine.internal.torrent.TorrentImpl;
import dev.torrpedo.storage.CheckResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child JVM of {@link KillResumeTest}: downloads a torrent from one seeder, reporting on
 * standard output what the check found ({@code CHECKED verified hashed resumeUsed}), its
 * progress ({@code PROGRESS verified}), each resume-data save it asked for and saw complete
 * ({@code SAVED verified-before-the-save}), and {@code DONE downloadedBytes} at the end.
 */
public final class KillResumeChild {
    private KillResumeChild() {
    }

    /** How long this child may run before it gives up (the parent's own deadline is shorter). */
    private static final long DEADLINE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

    private static void pause(long deadline, long millis) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("no progress before the deadline");
        }
        Thread.sleep(millis);
    }

    /** @param args the .torrent file, the download directory, the seeder's port */
    public static void main(String[] args) throws Exception {
        Path torrent = Path.of(args[0]);
        Path downloadDir = Path.of(args[1]);
        int seederPort = Integer.parseInt(args[2]);
        Settings settings = Settings.defaults().toBuilder().encryption(Encryption.PLAINTEXT).dht(false).lsd(false)
                .resumeSaveInterval(Duration.ofSeconds(1)).build();
        try (Session session = Session.builder().listenAddress(InetAddress.getLoopbackAddress()).listenPort(0)
                .downloadDir(downloadDir).settings(settings).build()) {
            TorrentHandle t = session.add(AddTorrent.file(torrent)).join();
            // polled with a deadline: the parent kills this JVM at random moments, and reads what it printed
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (t.status().state() == TorrentState.CHECKING) {
                pause(deadline, 5);
            }
            CheckResult c = ((TorrentImpl) t).lastCheck();
            System.out.println("CHECKED " + t.status().piecesDone() + " " + c.hashedPieces() + " " + c.resumeDataUsed());
            t.addPeer(new InetSocketAddress(InetAddress.getLoopbackAddress(), seederPort));
            int round = 0;
            while (!t.completion().isDone()) {
                int verified = t.status().piecesDone();
                System.out.println("PROGRESS " + verified);
                if (++round % 4 == 0) {
                    t.saveResumeData().join();
                    System.out.println("SAVED " + verified);
                }
                pause(deadline, 25);
            }
            t.completion().join();
            System.out.println("DONE " + t.status().downloadedBytes());
        }
    }
}
