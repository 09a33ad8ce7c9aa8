package dev.torrpedo.benchmarks;

import dev.torrpedo.engine.internal.picker.BlockAddress;
import dev.torrpedo.engine.internal.picker.PickerPeer;
import dev.torrpedo.engine.internal.picker.PieceGeometry;
import dev.torrpedo.engine.internal.picker.PiecePicker;
import dev.torrpedo.engine.internal.picker.Received;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The picker's data path on one torrent of 4,000 pieces of 256 KiB (64,000 blocks): one
 * operation is one block taken through pick (16 at a time, as a pipeline refills), received
 * and written, with the piece verified when its last block lands. When the torrent completes
 * a fresh one replaces it, so every phase of a download is measured: rarest-first starts,
 * partial pieces, endgame. Twenty other peers with random bitfields make availability uneven.
 * Run with one thread and with two threads picking from the same torrent at once.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PiecePickerBenchmark -prof gc</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PiecePickerBenchmark {
    static final int PIECES = 4_000;
    static final int PIECE_LENGTH = 256 * 1024;
    static final int PIPELINE = 16;

    /** One download of the torrent: a picker and the generation it belongs to. */
    static final class Download {
        final PiecePicker picker;

        Download(long seed) {
            picker = new PiecePicker(new PieceGeometry((long) PIECES * PIECE_LENGTH, PIECE_LENGTH), new SplittableRandom(seed));
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < 20; i++) {
                byte[] bits = new byte[(PIECES + 7) / 8];
                for (int p = 0; p < PIECES; p++) {
                    if (rnd.nextInt(4) != 0) {
                        bits[p >>> 3] |= (byte) (0x80 >>> (p & 7));
                    }
                }
                picker.peerBitfield(picker.newPeer(), bits);
            }
        }
    }

    /** The torrent all threads download from. */
    @State(Scope.Benchmark)
    public static class Torrent {
        final AtomicReference<Download> current = new AtomicReference<>();
        long generation;

        @Setup
        public void setUp() {
            current.set(new Download(generation++));
        }

        Download renew(Download finished) {
            Download next = new Download(finished.hashCode());
            return current.compareAndSet(finished, next) ? next : current.get();
        }
    }

    /** One peer connection (one event loop): its handle and its picked, not yet delivered blocks. */
    @State(Scope.Thread)
    public static class Peer {
        Download download;
        PickerPeer peer;
        final long[] picked = new long[PIPELINE];
        int next;
        int count;
        static final byte[] ALL = allBits();

        static byte[] allBits() {
            byte[] b = new byte[(PIECES + 7) / 8];
            java.util.Arrays.fill(b, (byte) 0xff);
            return b;
        }

        void join(Download d) {
            download = d;
            peer = d.picker.newPeer();
            d.picker.peerBitfield(peer, ALL);
            peer.setChoked(false);
            next = 0;
            count = 0;
        }
    }

    @Benchmark
    @Threads(1)
    public int pickReceiveOneThread(Torrent t, Peer p) {
        return step(t, p);
    }

    @Benchmark
    @Threads(2)
    public int pickReceiveTwoThreads(Torrent t, Peer p) {
        return step(t, p);
    }

    static int step(Torrent t, Peer p) {
        Download d = t.current.get();
        if (p.download != d) {
            p.join(d);
        }
        PiecePicker picker = d.picker;
        if (p.next == p.count) {
            p.count = picker.pick(p.peer, p.picked, PIPELINE);
            p.next = 0;
            if (p.count == 0) {
                if (picker.isComplete()) {
                    p.join(t.renew(d));
                }
                return 0;
            }
        }
        long a = BlockAddress.address(p.picked[p.next++]);
        Received r = picker.received(p.peer, a);
        if (r.accepted() && picker.blockWritten(a)) {
            picker.pieceVerified(BlockAddress.piece(a));
        }
        return r.cancelCount();
    }
}
