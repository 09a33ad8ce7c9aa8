/**
 * The engine's public API: a {@link dev.torrpedo.engine.Session} owns torrents
 * ({@link dev.torrpedo.engine.TorrentHandle}), added with {@link dev.torrpedo.engine.AddTorrent};
 * {@link dev.torrpedo.engine.Settings} configure it; {@link dev.torrpedo.engine.Event}s and
 * {@link dev.torrpedo.engine.Session#changesSince} report what happens; the records
 * {@link dev.torrpedo.engine.TorrentStatus}, {@link dev.torrpedo.engine.FileStatus},
 * {@link dev.torrpedo.engine.PeerInfo}, {@link dev.torrpedo.engine.TrackerStatus} and
 * {@link dev.torrpedo.engine.SessionStats} are immutable snapshots.
 *
 * <p>Everything is thread-safe and non-blocking (except {@code Session.close()}): commands
 * return at once, futures complete on the session's callback thread, events arrive on the
 * subscriber's executor. Nothing of the public API runs user code on a network thread.
 */
package dev.torrpedo.engine;
