/**
 * Pure codecs of tracker messages: {@link dev.torrpedo.tracker.codec.HttpReplyDecoder} for
 * bencoded HTTP answers, {@link dev.torrpedo.tracker.codec.UdpTrackerCodec} for BEP 15
 * packets, {@link dev.torrpedo.tracker.codec.CompactPeers} for BEP 23 / BEP 7 peer lists.
 * No I/O, no clock, no logging; limits checked before allocating; every failure a
 * {@link dev.torrpedo.tracker.TrackerException}.
 */
package dev.torrpedo.tracker.codec;
