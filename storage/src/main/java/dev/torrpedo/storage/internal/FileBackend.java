package dev.torrpedo.storage.internal;

import dev.torrpedo.metainfo.FileSlice;
import dev.torrpedo.metainfo.MetainfoException;
import dev.torrpedo.metainfo.PieceRange;
import dev.torrpedo.metainfo.SafePaths;
import dev.torrpedo.metainfo.Torrent;
import dev.torrpedo.metainfo.TorrentFile;
import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import dev.torrpedo.storage.StorageParams;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A torrent's files on disk: positional {@link FileChannel} reads and writes that span file
 * boundaries, handles from the shared {@link OpenFiles} cache.
 *
 * <ul>
 * <li>A file is created when first written (sparse: only written ranges take space); empty
 *     files are created with the first write of the torrent.</li>
 * <li>Pad files are never written and read as zeros.</li>
 * <li>A skipped file (priority 0) that does not exist is never created: its bytes go to the
 *     {@link PartFile}, so the pieces it shares with wanted files can still be hashed.</li>
 * <li>Paths come only from {@link SafePaths#resolveUnder}; directories are created one
 *     component at a time and a symlink anywhere below the save path is refused, and files
 *     are opened with {@link LinkOption#NOFOLLOW_LINKS}: nothing is read or written outside
 *     the save path.</li>
 * </ul>
 */
final class FileBackend implements Backend {
    private static final Logger LOG = LoggerFactory.getLogger(FileBackend.class);

    private final Torrent torrent;
    private final OpenFiles openFiles;
    private final long id;
    private final int[] priorities;
    /** Per file: whether its bytes go to the part file. Changed on the job queue only. */
    private final boolean[] toPart;
    private final BitSet dirty = new BitSet();
    private final Set<Path> dirtyDirs = new LinkedHashSet<>();
    private volatile Path root;
    private volatile Path[] paths;
    private PartFile part;
    private boolean opened;
    /** The first failure of a flush-behind since the last force, which throws it. */
    private final java.util.concurrent.atomic.AtomicReference<FlushBehindFailure> behindFailure =
            new java.util.concurrent.atomic.AtomicReference<>();
    private boolean emptyFilesCreated;

    /** Touches nothing on disk until the first job. */
    FileBackend(StorageParams params, DiskThreads disk) {
        this.torrent = params.torrent();
        this.openFiles = disk.openFiles();
        this.id = disk.newStorageId();
        int n = torrent.files().size();
        int[] p = params.filePriorities();
        this.priorities = p.length == 0 ? filled(n, 1) : p;
        this.toPart = new boolean[n];
        setRoot(params.savePath());
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private void setRoot(Path newRoot) {
        Path r = newRoot.toAbsolutePath().normalize();
        Path[] ps = new Path[torrent.files().size()];
        for (TorrentFile f : torrent.files()) {
            if (!f.isPad()) {
                try {
                    ps[f.index()] = SafePaths.resolveUnder(r, f);
                } catch (MetainfoException e) {
                    ps[f.index()] = null; // refused when used
                }
            }
        }
        this.root = r;
        this.paths = ps;
        String name = "." + torrent.infoHash().id() + ".parts";
        if (part == null) {
            part = new PartFile(r.resolve(name), torrent.pieceLength(), torrent.pieceCount());
        }
    }

    /** Reads the part file's table and decides which files use it. On the job queue, before anything else. */
    private void open() {
        if (opened) {
            return;
        }
        opened = true;
        part.load();
        for (TorrentFile f : torrent.files()) {
            toPart[f.index()] = !f.isPad() && priorities[f.index()] == 0 && !exists(f.index());
        }
    }

    @Override
    public Path root() {
        return root;
    }

    private Path path(int file) throws StorageException {
        Path p = paths[file];
        if (p == null) {
            throw new StorageException(StorageError.UNSAFE_PATH, file, null,
                    "'" + String.join("/", torrent.files().get(file).path()) + "' would leave " + root, null);
        }
        return p;
    }

    private boolean exists(int file) {
        Path p = paths[file];
        return p != null && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void write(int piece, int offset, ByteBuffer data) throws StorageException {
        open();
        if (!emptyFilesCreated) {
            createEmptyFiles();
        }
        int inPiece = offset;
        int pos = data.position();
        for (FileSlice s : torrent.fileTree().slices(piece, offset, data.remaining())) {
            int len = (int) s.length();
            if (!s.pad()) {
                ByteBuffer d = data.duplicate();
                d.position(pos).limit(pos + len);
                if (toPart[s.fileIndex()]) {
                    part.write(piece, inPiece, d);
                } else {
                    writeFile(s.fileIndex(), s.fileOffset(), d);
                }
            }
            pos += len;
            inPiece += len;
        }
    }

    private void writeFile(int file, long fileOffset, ByteBuffer d) throws StorageException {
        Path p = path(file);
        OpenFiles.Handle h;
        try {
            h = openFiles.acquire(new OpenFiles.Key(id, file), true, w -> openForWrite(file, p));
        } catch (IOException e) {
            throw Errors.of(e, file, p, "opening for writing");
        }
        try {
            long at = fileOffset;
            while (d.hasRemaining()) {
                at += h.channel.write(d, at);
            }
            dirty.set(file);
        } catch (IOException e) {
            throw Errors.of(e, file, p, "writing at " + fileOffset);
        } finally {
            h.release();
        }
    }

    private FileChannel openForWrite(int file, Path p) throws IOException {
        boolean existed = Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        if (!existed) {
            makeParents(file, p);
        }
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.SPARSE, LinkOption.NOFOLLOW_LINKS);
        if (!existed) {
            dirtyDirs.add(p.getParent());
        }
        return ch;
    }

    /** Creates the directories between the save path and {@code p}, refusing symlinks and non-directories. */
    private void makeParents(int file, Path p) throws IOException {
        Path r = root;
        Files.createDirectories(r);
        Path rel = r.relativize(p.getParent() == null ? r : p.getParent());
        Path dir = r;
        for (Path c : rel) {
            if (c.toString().isEmpty()) {
                continue;
            }
            dir = dir.resolve(c);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                try {
                    Files.createDirectory(dir);
                    dirtyDirs.add(dir.getParent());
                } catch (FileAlreadyExistsException raced) {
                    // created meanwhile: checked below
                }
                a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
            if (a.isSymbolicLink() || !a.isDirectory()) {
                throw new StorageException(StorageError.UNSAFE_PATH, file, dir,
                        a.isSymbolicLink() ? "a symlink below the save path is not followed" : "not a directory", null);
            }
        }
    }

    /** Creates the wanted empty files (they are never written); from the torrent's first write on. */
    private void createEmptyFiles() throws StorageException {
        emptyFilesCreated = true;
        for (TorrentFile f : torrent.files()) {
            if (f.length() == 0 && !f.isPad() && !f.isSymlink() && priorities[f.index()] > 0 && !exists(f.index())) {
                Path p = path(f.index());
                try {
                    openForWrite(f.index(), p).close();
                } catch (IOException e) {
                    throw Errors.of(e, f.index(), p, "creating an empty file");
                }
            }
        }
    }

    @Override
    public void read(int piece, int offset, ByteBuffer dst, ReadMode mode) throws StorageException {
        int inPiece = offset;
        for (FileSlice s : torrent.fileTree().slices(piece, offset, dst.remaining())) {
            int len = (int) s.length();
            ByteBuffer d = dst.duplicate();
            d.limit(d.position() + len);
            if (s.pad()) {
                Zeros.fill(d);
            } else if (toPart[s.fileIndex()]) {
                part.read(piece, inPiece, d, mode == ReadMode.STRICT);
            } else {
                readFile(s.fileIndex(), s.fileOffset(), d, mode);
            }
            dst.position(dst.position() + len);
            inPiece += len;
        }
    }

    private void readFile(int file, long fileOffset, ByteBuffer d, ReadMode mode) throws StorageException {
        Path p = path(file);
        OpenFiles.Handle h;
        try {
            h = openFiles.acquire(new OpenFiles.Key(id, file), false, w -> FileChannel.open(p, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            if (mode == ReadMode.CHECK) {
                Zeros.fill(d);
                return;
            }
            throw new StorageException(StorageError.FILE_MISSING, file, p, "the file is gone", e);
        } catch (IOException e) {
            if (mode == ReadMode.CHECK && Errors.kind(e) == StorageError.UNSAFE_PATH) {
                Zeros.fill(d);
                return;
            }
            throw Errors.of(e, file, p, "opening for reading");
        }
        try {
            long at = fileOffset;
            while (d.hasRemaining()) {
                int n = h.channel.read(d, at);
                if (n < 0) {
                    if (mode == ReadMode.STRICT) {
                        throw new StorageException(StorageError.FILE_TRUNCATED, file, p,
                                "ends at byte " + at + ", inside a verified piece", null);
                    }
                    Zeros.fill(d);
                    return;
                }
                at += n;
            }
        } catch (IOException e) {
            throw Errors.of(e, file, p, "reading at " + fileOffset);
        } finally {
            h.release();
        }
    }

    @Override
    public boolean hasData(int piece) {
        return hasData(piece, this::sizeOnDisk);
    }

    @Override
    public java.util.function.IntPredicate dataPresence() {
        java.util.concurrent.atomic.AtomicLongArray sizes = new java.util.concurrent.atomic.AtomicLongArray(paths.length);
        for (int f = 0; f < paths.length; f++) {
            sizes.set(f, UNKNOWN);
        }
        java.util.function.IntToLongFunction size = f -> {
            long known = sizes.get(f);
            if (known == UNKNOWN) {
                known = sizeOnDisk(f);
                sizes.set(f, known); // two threads may both look: same answer
            }
            return known;
        };
        return piece -> hasData(piece, size);
    }

    private static final long UNKNOWN = -2;

    /** @return the size of file {@code f} if it is a regular file (links not followed), else -1 */
    private long sizeOnDisk(int f) {
        try {
            BasicFileAttributes a = Files.readAttributes(paths[f], BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? a.size() : -1;
        } catch (IOException e) {
            return -1; // missing: no data here
        }
    }

    private boolean hasData(int piece, java.util.function.IntToLongFunction size) {
        for (FileSlice s : torrent.fileTree().slices(piece, 0, torrent.pieceSize(piece))) {
            if (s.pad()) {
                continue;
            }
            if (toPart[s.fileIndex()]) {
                if (part.hasSlot(piece)) {
                    return true;
                }
                continue;
            }
            if (paths[s.fileIndex()] == null) {
                continue;
            }
            if (size.applyAsLong(s.fileIndex()) > s.fileOffset()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void flushBehind() {
        for (int f = 0; f < torrent.files().size(); f++) {
            OpenFiles.Handle h = openFiles.peek(new OpenFiles.Key(id, f));
            if (h == null) {
                continue;
            }
            try {
                if (h.writable) {
                    h.channel.force(false);
                }
            } catch (IOException e) {
                // the kernel reports a failed write-back once per open file: this was it, so keep it for force()
                behindFailure.compareAndSet(null, new FlushBehindFailure(f, e));
                LOG.debug("flush-behind of file {} failed (the next force throws it): {}", f, e.toString());
            } finally {
                h.release();
            }
        }
    }

    /** A flush-behind's failure, for the next force to throw. */
    private record FlushBehindFailure(int file, IOException error) {
    }

    @Override
    public void force() throws StorageException {
        FlushBehindFailure failed = behindFailure.getAndSet(null);
        if (failed != null) {
            throw Errors.of(failed.error(), failed.file(), paths[failed.file()], "forcing to disk (a flush-behind failed)");
        }
        open();
        for (int f = dirty.nextSetBit(0); f >= 0; f = dirty.nextSetBit(f + 1)) {
            Path p = path(f);
            OpenFiles.Handle h = openFiles.ifOpen(new OpenFiles.Key(id, f));
            try {
                if (h != null) {
                    h.channel.force(false);
                } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    // evicted from the cache since it was written: its pages are the file's, force them through a new handle
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        ch.force(false);
                    }
                }
            } catch (IOException e) {
                throw Errors.of(e, f, p, "forcing to disk");
            } finally {
                if (h != null) {
                    h.release();
                }
            }
        }
        dirty.clear();
        part.force();
        List<Path> dirs = new ArrayList<>(dirtyDirs);
        for (Path d : dirs) {
            try {
                AtomicFiles.forceDirectory(d);
            } catch (NoSuchFileException e) {
                // removed since: nothing to make durable
            } catch (IOException e) {
                throw Errors.of(e, -1, d, "forcing a directory");
            }
            dirtyDirs.remove(d);
        }
    }

    @Override
    public void markAllDirty() {
        open();
        for (TorrentFile f : torrent.files()) {
            if (!f.isPad() && exists(f.index())) {
                dirty.set(f.index());
            }
        }
        part.markDirty();
    }

    @Override
    public List<FileStamp> stamps() {
        open();
        List<FileStamp> out = new ArrayList<>(torrent.files().size() + 1);
        for (TorrentFile f : torrent.files()) {
            out.add(f.isPad() ? FileStamp.ABSENT : stamp(paths[f.index()]));
        }
        out.add(part.stamp());
        return out;
    }

    static FileStamp stamp(Path p) {
        if (p == null) {
            return FileStamp.ABSENT;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? new FileStamp(a.size(), a.lastModifiedTime().toMillis()) : FileStamp.ABSENT;
        } catch (IOException e) {
            return FileStamp.ABSENT;
        }
    }

    @Override
    public void setPriorities(int[] newPriorities) throws StorageException {
        open();
        for (TorrentFile f : torrent.files()) {
            int i = f.index();
            priorities[i] = newPriorities[i];
            if (f.isPad()) {
                continue;
            }
            boolean want = newPriorities[i] == 0 && (toPart[i] || !exists(i));
            if (toPart[i] && !want) {
                exportFromPart(f);
            }
            toPart[i] = want;
        }
        if (emptyFilesCreated) {
            createEmptyFiles(); // an empty file wanted again exists like the others
        }
        // a slot is kept while a skipped file still shares its piece
        for (int piece = 0; piece < torrent.pieceCount(); piece++) {
            if (part.hasSlot(piece) && !needsPart(piece)) {
                part.free(piece);
            }
        }
        part.force();
    }

    private boolean needsPart(int piece) {
        for (FileSlice s : torrent.fileTree().slices(piece, 0, torrent.pieceSize(piece))) {
            if (!s.pad() && toPart[s.fileIndex()]) {
                return true;
            }
        }
        return false;
    }

    /** Copies what the part file holds of a file that is wanted again into the file itself. */
    private void exportFromPart(TorrentFile f) throws StorageException {
        PieceRange range = torrent.fileTree().pieceRange(f.index());
        for (int piece = range.first(); piece < range.end(); piece++) {
            if (!part.hasSlot(piece)) {
                continue;
            }
            int inPiece = 0;
            for (FileSlice s : torrent.fileTree().slices(piece, 0, torrent.pieceSize(piece))) {
                if (s.fileIndex() == f.index()) {
                    ByteBuffer b = ByteBuffer.allocate((int) s.length());
                    part.read(piece, inPiece, b, false);
                    b.flip();
                    writeFile(f.index(), s.fileOffset(), b);
                }
                inPiece += (int) s.length();
            }
        }
    }

    @Override
    public void move(Path newRoot) throws StorageException {
        open();
        openFiles.closeAll(id);
        Path oldRoot = root;
        Path target = newRoot.toAbsolutePath().normalize();
        if (target.equals(oldRoot)) {
            return;
        }
        Path[] oldPaths = paths;
        List<Path[]> moved = new ArrayList<>();
        try {
            for (TorrentFile f : torrent.files()) {
                Path from = oldPaths[f.index()];
                if (f.isPad() || from == null || !Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path to = SafePaths.resolveUnder(target, f);
                root = target;
                makeParents(f.index(), to);
                moveFile(from, to);
                moved.add(new Path[] {from, to});
                dirtyDirs.add(to.getParent());
            }
            Path partTarget = target.resolve(part.path().getFileName());
            Path partFrom = part.path();
            part.moveTo(partTarget, FileBackend::moveFile);
            if (Files.exists(partTarget, LinkOption.NOFOLLOW_LINKS)) {
                moved.add(new Path[] {partFrom, partTarget});
            }
        } catch (IOException | MetainfoException e) {
            root = oldRoot;
            for (int i = moved.size() - 1; i >= 0; i--) {
                try {
                    moveFile(moved.get(i)[1], moved.get(i)[0]);
                } catch (IOException back) {
                    e.addSuppressed(back);
                }
            }
            try {
                part.moveTo(oldRoot.resolve(part.path().getFileName()), (a, b) -> { });
            } catch (IOException ignored) {
                // the part file was moved back above if it had been moved
            }
            throw e instanceof IOException ? Errors.of((IOException) e, -1, target, "moving to " + target)
                    : new StorageException(StorageError.UNSAFE_PATH, -1, target, e.getMessage(), e);
        }
        setRoot(target);
        removeEmptyDirectories(oldRoot, oldPaths);
    }

    private static void moveFile(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to); // another file system: copy, then delete
        }
    }

    @Override
    public void delete() throws StorageException {
        open();
        openFiles.closeAll(id);
        StorageException first = null;
        for (TorrentFile f : torrent.files()) {
            Path p = paths[f.index()];
            if (f.isPad() || p == null) {
                continue;
            }
            try {
                Files.deleteIfExists(p); // a symlink is removed itself, never followed
            } catch (IOException e) {
                if (first == null) {
                    first = Errors.of(e, f.index(), p, "deleting");
                }
            }
        }
        try {
            part.delete();
        } catch (IOException e) {
            if (first == null) {
                first = Errors.of(e, -1, part.path(), "deleting the part file");
            }
        }
        removeEmptyDirectories(root, paths);
        dirty.clear();
        dirtyDirs.clear();
        if (first != null) {
            throw first;
        }
    }

    /** Removes the directories the torrent's files lived in, deepest first, where they are now empty. */
    private static void removeEmptyDirectories(Path r, Path[] ps) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path p : ps) {
            if (p == null) {
                continue;
            }
            for (Path d = p.getParent(); d != null && d.startsWith(r) && !d.equals(r); d = d.getParent()) {
                dirs.add(d);
            }
        }
        List<Path> ordered = new ArrayList<>(dirs);
        ordered.sort((a, b) -> b.getNameCount() - a.getNameCount());
        for (Path d : ordered) {
            try {
                if (Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(d);
                }
            } catch (DirectoryNotEmptyException e) {
                // something else lives there
            } catch (IOException e) {
                // leave it
            }
        }
    }

    @Override
    public void close() throws StorageException {
        openFiles.closeAll(id);
        try {
            part.closeChannel();
        } catch (IOException e) {
            throw Errors.of(e, -1, part.path(), "closing the part file");
        }
    }
}
