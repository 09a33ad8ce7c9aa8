/**
 * The engine behind the bridge, not exported: the {@code session.*}, {@code metainfo.inspect}
 * and {@code torrent.*} methods of {@code rpc/README.md} bound to a
 * {@link dev.torrpedo.engine.Session}, its events as notifications, its change log as the
 * feed of {@code sync.get} and {@code torrent.progress}, and the allowed roots every client
 * path is held to.
 *
 * <p>Threads: non-blocking methods run on the transport's reader thread and only call the
 * engine's non-blocking API; {@code torrent.add} and {@code metainfo.inspect} (which read
 * files and resolve host names) run on the bridge's worker pool; events arrive on one thread
 * of the binding and are queued per client without waiting.
 */
package dev.torrpedo.rpc.internal.engine;
