/**
 * The Storage SPI and its default implementations, after libtorrent's disk interface.
 *
 * <pre>
 *  event loop --write(piece, offset, ByteBuffer, release)--&gt; per-torrent job queue (MPSC)
 *                                                            | one disk thread at a time
 *                                                            v
 *                          positional FileChannel write, spanning files; pad bytes skipped
 *                                                            | block in order? hand it on
 *                                                            v
 *                          verifier pool: SHA-1 / SHA-256 leaves, incrementally per piece
 *  event loop &lt;--written / verified / read-- posted to the Executor given with each call
 * </pre>
 *
 * <p>A session creates one {@link dev.torrpedo.storage.DiskIoPool} and one
 * {@link dev.torrpedo.storage.VerifierPool}, shares them between torrents through a
 * {@link dev.torrpedo.storage.StorageFactory}, and closes them last. Each torrent has one
 * {@link dev.torrpedo.storage.Storage}.
 */
package dev.torrpedo.storage;
