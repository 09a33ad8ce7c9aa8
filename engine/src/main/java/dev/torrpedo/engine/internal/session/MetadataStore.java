package dev.torrpedo.engine.internal.session;

import dev.torrpedo.metainfo.InfoHash;
import dev.torrpedo.metainfo.MagnetLink;
import dev.torrpedo.metainfo.Torrent;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata a magnet link fetched, kept in the resume directory as
 * {@code <info-hash id>.torrent} so that adding the same link again (after a restart) needs
 * no peer to send it again. Files are written off the event loops, atomically.
 */
final class MetadataStore {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);

    private final Path dir;
    private final Executor io;

    /**
     * @param dir the resume directory
     * @param io  where files are written (never an event loop)
     */
    MetadataStore(Path dir, Executor io) {
        this.dir = dir;
        this.io = io;
    }

    /** @return the file of a torrent's metadata */
    Path file(InfoHash infoHash) {
        return dir.resolve(infoHash.id() + ".torrent");
    }

    /** Writes {@code torrent}'s bytes (a .torrent file) in the background. */
    void save(Torrent torrent) {
        Path f = file(torrent.infoHash());
        byte[] bytes = torrent.bytes();
        io.execute(() -> {
            try {
                Files.createDirectories(dir);
                Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                LOG.warn("saving the metadata of {} to {} failed: {}", torrent.infoHash().id(), f, e.toString());
            }
        });
    }

    /**
     * Reads the metadata saved for {@code link}, on the calling thread (a small file).
     *
     * @return it, if a file is there, parses, and has the link's info-hash
     */
    Optional<Torrent> load(MagnetLink link) {
        Path f = file(link.infoHash());
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            Torrent t = Torrent.parse(Files.readAllBytes(f), dev.torrpedo.metainfo.TorrentLimits.DEFAULT, false); // v2: peers supply the layers
            if (t.infoHash().id().equals(link.infoHash().id())) {
                return Optional.of(t);
            }
            LOG.warn("{} holds another torrent's metadata; ignored", f);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the saved metadata {} cannot be read; fetching it from peers again: {}", f, e.toString());
        }
        return Optional.empty();
    }

    /** Deletes the saved metadata of a torrent, in the background. */
    void forget(InfoHash infoHash) {
        Path f = file(infoHash);
        io.execute(() -> {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.debug("deleting {} failed: {}", f, e.toString());
            }
        });
    }
}
