/**
 * The bridge's implementation, not exported: JSON reading and writing with limits, request
 * envelopes, parameter binding, the dispatcher, per-connection outbound queues, the status
 * view behind {@code sync.get} and {@code torrent.progress}, and the stdio transport.
 *
 * <p>Threads: a transport's reader thread parses and dispatches (non-blocking handlers run
 * there, in arrival order); blocking handlers run on a small worker pool; one writer thread
 * per connection owns its output; one scheduler thread owns the status view and the
 * progress ticks. Nothing here blocks the engine: notifications are queued without waiting.
 */
package dev.torrpedo.rpc.internal;
