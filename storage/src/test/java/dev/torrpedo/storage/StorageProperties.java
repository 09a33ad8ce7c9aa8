package dev.torrpedo.storage;

import static dev.torrpedo.storage.Harness.join;
import static dev.torrpedo.storage.TestTorrents.Spec.file;
import static dev.torrpedo.storage.TestTorrents.Spec.pad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.torrpedo.storage.TestTorrents.Fixture;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * However a piece's bytes arrive (any split, any order, duplicates), the verdict is the
 * truth: good bytes pass and read back as written, and one bad byte that is never rewritten
 * fails. Every block is released exactly once. Exercises the incremental hashing cursor
 * against read-back at every boundary.
 */
class StorageProperties {
    static Harness h;
    /** Pieces of 40000 bytes over three files and a pad file: blocks span files. */
    static final Fixture FX = TestTorrents.v1("prop", 40_000, 61, file("a.bin", 30_000), pad(10_000), file("b", 45_000),
            file("c", 24_999));

    @BeforeContainer
    static void start() {
        h = new Harness();
    }

    @AfterContainer
    static void stop() throws Exception {
        h.close();
    }

    @Property(tries = 300)
    void theVerdictIsTheTruth(@ForAll long seed, @ForAll boolean corrupt) throws Exception {
        Random rnd = new Random(seed);
        int piece = rnd.nextInt(FX.torrent().pieceCount());
        byte[] good = FX.piece(piece);
        try (Storage s = h.memory().open(StorageParams.of(FX.torrent(), Path.of("unused")))) {
            List<int[]> chunks = new ArrayList<>();
            for (int off = 0; off < good.length; ) {
                int len = Math.min(good.length - off, 1 + rnd.nextInt(20_000));
                chunks.add(new int[] {off, len});
                off += len;
            }
            List<int[]> writes = new ArrayList<>(chunks);
            for (int i = rnd.nextInt(3); i > 0; i--) {
                writes.add(chunks.get(rnd.nextInt(chunks.size()))); // duplicates, as endgame sends
            }
            if (rnd.nextBoolean()) {
                Collections.shuffle(writes, rnd);
            }
            int flip = corrupt ? rnd.nextInt(good.length) : -1;
            // pad bytes are hashed as received but never stored: keep the flip off them
            int bad = flip >= 0 && FX.torrent().fileTree().slices(piece, flip, 1).get(0).pad() ? -1 : flip;
            List<CompletableFuture<Void>> done = new ArrayList<>();
            boolean badWritten = false;
            for (int[] c : writes) {
                byte[] data = good.clone();
                if (bad >= c[0] && bad < c[0] + c[1] && !badWritten) {
                    data[bad] ^= 0x5a; // the first copy of that chunk is bad, any later copy good
                    badWritten = true;
                }
                done.add(h.write(s, piece, c[0], data, c[0], c[1]));
            }
            join(CompletableFuture.allOf(done.toArray(new CompletableFuture<?>[0])));
            boolean passed = join(h.verify(s, piece));
            boolean rewritten = bad >= 0 && writes.stream().filter(c -> bad >= c[0] && bad < c[0] + c[1]).count() > 1;
            if (bad < 0) {
                assertEquals(true, passed, "good bytes pass");
                ByteBuffer back = join(h.read(s, piece, 0, good.length));
                byte[] b = new byte[good.length];
                back.get(b);
                assertArrayEquals(good, b);
            } else if (!rewritten) {
                assertEquals(false, passed, "a bad byte never rewritten fails");
            }
            // a bad first copy later rewritten may pass or fail (it fails when the bad copy was
            // hashed in order: the rewrite is then dropped); if it passes, what is served is good
            if (passed) {
                ByteBuffer back = join(h.read(s, piece, 0, good.length));
                byte[] b = new byte[good.length];
                back.get(b);
                assertArrayEquals(good, b, "a passed piece serves exactly its good bytes");
            }
        }
        h.assertAllReleased();
    }
}
