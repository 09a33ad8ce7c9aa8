package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.CheckProgress;
import dev.torrpedo.storage.CheckResult;
import dev.torrpedo.storage.DiskIoPool;
import dev.torrpedo.storage.Storage;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.StorageFactory;
import dev.torrpedo.storage.StorageParams;
import dev.torrpedo.storage.StorageSettings;
import dev.torrpedo.storage.TestTorrents;
import dev.torrpedo.storage.VerifierPool;
import dev.torrpedo.storage.WriteHandler;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The process {@code CrashTest} kills: downloads the crash torrent into a directory with
 * resume data, forever writing, verifying and saving, and says what it is doing on stdout,
 * one line per step, so the parent can kill it at a chosen moment:
 * {@code READY n}, {@code PIECE p}, {@code SAVE}, {@code RENAME} (the new resume file is
 * written and forced, not yet renamed), {@code SAVED}, {@code DONE}.
 *
 * <p>Arguments: data directory, resume file, seed, and {@code hang} to stop at the first
 * {@code RENAME} (so the kill lands exactly there) or {@code run}.
 */
public final class CrashChild {
    /** The torrent every run downloads: 4 MiB in 256 pieces. */
    public static TestTorrents.Fixture fixture() {
        return TestTorrents.v1Single("crash.bin", 4 << 20, 16384, 99);
    }

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path resume = Path.of(args[1]);
        long seed = Long.parseLong(args[2]);
        boolean hang = args[3].equals("hang");
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        if (hang) {
            AtomicFiles.beforeRename = tmp -> {
                out.println("RENAME");
                try {
                    System.in.read(); // the parent kills us here
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            };
        } else {
            AtomicFiles.beforeRename = tmp -> out.println("RENAME");
        }
        TestTorrents.Fixture fx = fixture();
        Executor direct = Runnable::run;
        DiskIoPool disk = DiskIoPool.create(StorageSettings.defaults());
        VerifierPool verifier = VerifierPool.create(2);
        Storage s = StorageFactory.files(disk, verifier).open(StorageParams.of(fx.torrent(), data).withResumeFile(resume));
        CheckResult r = s.checkFiles(CheckProgress.NONE, direct).join();
        out.println("READY " + r.verified().cardinality());
        List<Integer> todo = new ArrayList<>();
        for (int p = 0; p < fx.torrent().pieceCount(); p++) {
            if (!r.verified().get(p)) {
                todo.add(p);
            }
        }
        Collections.shuffle(todo, new Random(seed));
        int n = 0;
        for (int p : todo) {
            byte[] piece = fx.piece(p);
            CompletableFuture<Void> written = new CompletableFuture<>();
            s.write(p, 0, ByteBuffer.wrap(piece), () -> { }, direct, new WriteHandler() {
                @Override
                public void written(int piece, int offset, int length, StorageException error) {
                    if (error != null) {
                        written.completeExceptionally(error);
                    } else {
                        written.complete(null);
                    }
                }

                @Override
                public void drained() {
                }
            });
            written.join();
            CompletableFuture<Boolean> ok = new CompletableFuture<>();
            s.verify(p, direct, (piece2, passed, error) -> ok.complete(passed && error == null));
            if (!ok.join()) {
                throw new IllegalStateException("piece " + p + " failed");
            }
            out.println("PIECE " + p);
            if (++n % 8 == 0) {
                out.println("SAVE");
                s.saveResumeData(direct).join();
                out.println("SAVED");
            }
        }
        out.println("SAVE");
        s.saveResumeData(direct).join();
        out.println("SAVED");
        out.println("DONE");
        s.close();
        verifier.close();
        disk.close();
    }
}
