/**
 * Tracker clients and their API: {@link dev.torrpedo.tracker.HttpTrackerClient} and
 * {@link dev.torrpedo.tracker.UdpTrackerClient} (combined by
 * {@link dev.torrpedo.tracker.TrackerClient#routing}), the immutable requests and answers,
 * and {@link dev.torrpedo.tracker.TorrentTrackers}, which walks a torrent's tiers (BEP 12)
 * and says when the next announce is due.
 */
package dev.torrpedo.tracker;
