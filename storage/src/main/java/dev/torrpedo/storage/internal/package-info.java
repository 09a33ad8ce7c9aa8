/**
 * Implementations behind the Storage SPI; not exported.
 *
 * <p>{@link dev.torrpedo.storage.internal.TorrentStorage} is one torrent's job queue and
 * state (written blocks, incremental hashers, verified pieces); it runs its jobs on
 * {@link dev.torrpedo.storage.internal.DiskThreads}, hashes on
 * {@link dev.torrpedo.storage.internal.HashThreads}, and does its I/O through a
 * {@link dev.torrpedo.storage.internal.Backend}: files ({@link dev.torrpedo.storage.internal.FileBackend})
 * or memory ({@link dev.torrpedo.storage.internal.MemoryBackend}).
 */
package dev.torrpedo.storage.internal;
