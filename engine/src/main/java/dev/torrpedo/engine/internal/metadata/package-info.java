/**
 * Fetching a magnet link's info dictionary from peers ({@code ut_metadata}, BEP 9): which
 * piece to ask of whom, assembling the pieces, and blaming the peers that sent wrong ones.
 * Pure: the torrent's control loop drives it, with its own clock.
 */
package dev.torrpedo.engine.internal.metadata;
