package dev.torrpedo.metainfo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Jazzer: any input either fails with {@link MetainfoException} or parses to a torrent that
 * keeps its bytes, re-parses to the same info hash, maps every piece onto its files and
 * puts every file under the download root. {@code mvn verify} replays the committed inputs
 * in {@code TorrentFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class TorrentFuzzTest {
    static final TorrentLimits LIMITS = new TorrentLimits(1 << 20, 64, 100_000, 100_000, 100, 64);
    private static final Path ROOT = Path.of("/fuzz/root");

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        Torrent t;
        try {
            t = Torrent.parse(input, LIMITS);
        } catch (MetainfoException expected) {
            return;
        }
        check(t, input);
    }

    static void check(Torrent t, byte[] input) {
        if (!Arrays.equals(input, t.bytes())) {
            throw new AssertionError("the bytes were not kept");
        }
        if (!Torrent.parse(t.bytes(), LIMITS).infoHash().equals(t.infoHash())) {
            throw new AssertionError("the info hash changed");
        }
        if (!Torrent.fromInfo(t.rawInfo(), t.infoHash(), t.trackers(), t.webSeeds(), LIMITS).files().equals(t.files())) {
            throw new AssertionError("the info dictionary alone gave other files");
        }
        FileTree tree = t.fileTree();
        int[] pieces = {0, t.pieceCount() / 2, t.pieceCount() - 1};
        for (int p : pieces) {
            long sum = tree.slices(p, 0, t.pieceSize(p)).stream().mapToLong(FileSlice::length).sum();
            if (sum != t.pieceSize(p)) {
                throw new AssertionError("piece " + p + " maps to " + sum + " bytes");
            }
        }
        for (TorrentFile f : t.files()) {
            Path p = SafePaths.resolveUnder(ROOT, f);
            if (!p.startsWith(ROOT) || p.getNameCount() != ROOT.getNameCount() + f.safePath().size()) {
                throw new AssertionError(f + " resolves to " + p);
            }
            if (f.length() > 0 && (tree.fileIndexAt(f.offset()) != f.index()
                    || !tree.pieceRange(f.index()).contains((int) (f.offset() / t.pieceLength())))) {
                throw new AssertionError(f + " is not where its piece range says");
            }
        }
        MagnetLink link = MagnetLink.of(t);
        if (!MagnetLink.parse(link.toString()).equals(link)) {
            throw new AssertionError("magnet round trip: " + link);
        }
    }
}
