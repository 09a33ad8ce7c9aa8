package dev.torrpedo.storage.internal;

import dev.torrpedo.storage.StorageError;
import dev.torrpedo.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of skipped files (priority 0) that share a piece with wanted files: without
 * them the piece could not be hashed, and writing them to the skipped file would create it.
 * One slot of a whole piece per piece that needs one, in a single file beside the data.
 *
 * <pre>
 * 0   "TPARTS01"            8 bytes
 * 8   piece length          int32, big-endian
 * 12  piece count           int32
 * 16  slot count            int32
 * 20  piece of slot 0..n-1  int32 each, -1 when free
 * D   slot 0, slot 1, ...   piece length bytes each; D = header rounded up to 4 KiB, with room for every piece
 * </pre>
 *
 * {@link #load()}, writes and slot changes run on the torrent's job queue; reads also on
 * hashing threads, for pieces whose slot was assigned before (the queues order that).
 */
final class PartFile {
    private static final Logger LOG = LoggerFactory.getLogger(PartFile.class);
    private static final byte[] MAGIC = {'T', 'P', 'A', 'R', 'T', 'S', '0', '1'};
    private static final int FIXED_HEADER = 20;

    private Path path;
    private final int pieceLength;
    private final int pieceCount;
    private final long dataStart;
    private final int[] slotOfPiece;
    private int[] pieceOfSlot = new int[0];
    private int slots;
    private volatile FileChannel channel;
    private boolean loaded;
    private boolean headerDirty;
    private boolean dataDirty;

    PartFile(Path path, int pieceLength, int pieceCount) {
        this.path = path;
        this.pieceLength = pieceLength;
        this.pieceCount = pieceCount;
        this.dataStart = (FIXED_HEADER + 4L * pieceCount + 4095) / 4096 * 4096;
        this.slotOfPiece = new int[pieceCount];
        Arrays.fill(slotOfPiece, -1);
    }

    Path path() {
        return path;
    }

    /** Reads the slot table of an existing part file; a damaged one is set aside (its bytes are only ever hashed, never trusted). */
    void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer head = ByteBuffer.allocate(FIXED_HEADER);
            readFully(ch, head, 0);
            head.flip();
            byte[] magic = new byte[MAGIC.length];
            head.get(magic);
            int pl = head.getInt();
            int pc = head.getInt();
            int n = head.getInt();
            if (!Arrays.equals(magic, MAGIC) || pl != pieceLength || pc != pieceCount || n < 0 || n > pieceCount) {
                LOG.warn("part file {} does not belong to this torrent; ignored", path);
                return;
            }
            ByteBuffer table = ByteBuffer.allocate(4 * n);
            readFully(ch, table, FIXED_HEADER);
            table.flip();
            int[] bySlot = new int[n];
            for (int s = 0; s < n; s++) {
                int p = table.getInt();
                if (p < -1 || p >= pieceCount || p >= 0 && slotOfPiece[p] != -1) {
                    LOG.warn("part file {}: slot {} holds piece {}; ignored", path, s, p);
                    Arrays.fill(slotOfPiece, -1);
                    return;
                }
                bySlot[s] = p;
                if (p >= 0) {
                    slotOfPiece[p] = s;
                }
            }
            pieceOfSlot = bySlot;
            slots = n;
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            LOG.warn("part file {} unreadable; ignored", path, e);
            Arrays.fill(slotOfPiece, -1);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new IOException("part file ends early");
            }
            pos += n;
        }
    }

    boolean hasSlot(int piece) {
        load();
        return slotOfPiece[piece] >= 0;
    }

    boolean isEmpty() {
        load();
        for (int s = 0; s < slots; s++) {
            if (pieceOfSlot[s] >= 0) {
                return false;
            }
        }
        return true;
    }

    private FileChannel channel() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        }
        return channel;
    }

    void write(int piece, int inPiece, ByteBuffer data) throws StorageException {
        load();
        try {
            int slot = slotOfPiece[piece];
            if (slot < 0) {
                slot = allocate(piece);
            }
            FileChannel ch = channel();
            ByteBuffer d = data.duplicate();
            long pos = dataStart + (long) slot * pieceLength + inPiece;
            while (d.hasRemaining()) {
                pos += ch.write(d, pos);
            }
            dataDirty = true;
        } catch (IOException e) {
            throw Errors.of(e, -1, path, "writing piece " + piece + " to the part file");
        }
    }

    private int allocate(int piece) {
        int slot = -1;
        for (int s = 0; s < slots; s++) {
            if (pieceOfSlot[s] < 0) {
                slot = s;
                break;
            }
        }
        if (slot < 0) {
            if (slots == pieceOfSlot.length) {
                pieceOfSlot = Arrays.copyOf(pieceOfSlot, Math.max(8, slots * 2));
            }
            slot = slots++;
        }
        pieceOfSlot[slot] = piece;
        slotOfPiece[piece] = slot;
        headerDirty = true;
        return slot;
    }

    /**
     * Fills {@code dst} from the piece's slot; a piece without one reads as zeros, unless
     * {@code strict}.
     */
    void read(int piece, int inPiece, ByteBuffer dst, boolean strict) throws StorageException {
        int slot = slotOfPiece[piece];
        if (slot < 0) {
            if (strict) {
                throw new StorageException(StorageError.FILE_MISSING, -1, path, "piece " + piece + " is not in the part file", null);
            }
            Zeros.fill(dst);
            return;
        }
        try {
            FileChannel ch = channel;
            if (ch == null) {
                throw new NoSuchFileException(path.toString());
            }
            long pos = dataStart + (long) slot * pieceLength + inPiece;
            while (dst.hasRemaining()) {
                int n = ch.read(dst, pos);
                if (n < 0) {
                    if (strict) {
                        throw new StorageException(StorageError.FILE_TRUNCATED, -1, path, "ends inside piece " + piece, null);
                    }
                    Zeros.fill(dst);
                    return;
                }
                pos += n;
            }
        } catch (NoSuchFileException e) {
            throw new StorageException(StorageError.FILE_MISSING, -1, path, "the part file is gone", e);
        } catch (IOException e) {
            throw Errors.of(e, -1, path, "reading piece " + piece + " from the part file");
        }
    }

    /** Gives the piece's slot back. */
    void free(int piece) {
        load();
        int slot = slotOfPiece[piece];
        if (slot >= 0) {
            slotOfPiece[piece] = -1;
            pieceOfSlot[slot] = -1;
            headerDirty = true;
        }
    }

    void markDirty() {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            dataDirty = true;
        }
    }

    /** Writes the slot table if it changed and forces the file; deletes it when no slot is used. */
    void force() throws StorageException {
        load();
        try {
            if (isEmpty() && (headerDirty || dataDirty)) {
                closeChannel();
                Files.deleteIfExists(path);
                headerDirty = false;
                dataDirty = false;
                return;
            }
            if (!headerDirty && !dataDirty) {
                return;
            }
            FileChannel ch = channel();
            if (headerDirty) {
                ByteBuffer h = ByteBuffer.allocate(FIXED_HEADER + 4 * slots);
                h.put(MAGIC).putInt(pieceLength).putInt(pieceCount).putInt(slots);
                for (int s = 0; s < slots; s++) {
                    h.putInt(pieceOfSlot[s]);
                }
                h.flip();
                long pos = 0;
                while (h.hasRemaining()) {
                    pos += ch.write(h, pos);
                }
            }
            ch.force(false);
            headerDirty = false;
            dataDirty = false;
        } catch (IOException e) {
            throw Errors.of(e, -1, path, "forcing the part file");
        }
    }

    FileStamp stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() ? new FileStamp(a.size(), a.lastModifiedTime().toMillis()) : FileStamp.ABSENT;
        } catch (IOException e) {
            return FileStamp.ABSENT;
        }
    }

    void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Moves the file (closed first) to {@code target}. */
    void moveTo(Path target, Mover mover) throws IOException {
        closeChannel();
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            mover.move(path, target);
        }
        path = target;
    }

    void delete() throws IOException {
        closeChannel();
        Files.deleteIfExists(path);
        Arrays.fill(slotOfPiece, -1);
        Arrays.fill(pieceOfSlot, -1);
        headerDirty = false;
        dataDirty = false;
    }

    /** Moves one file. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }
}
