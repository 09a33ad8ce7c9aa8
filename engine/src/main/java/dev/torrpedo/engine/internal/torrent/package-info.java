/**
 * One torrent's control state: the state machine (checking, downloading, seeding, paused,
 * error), the peers it may dial and their back-off, its announces, the choker's rounds,
 * smart ban, resume data, and the public handle. It lives on one event loop per torrent.
 */
package dev.torrpedo.engine.internal.torrent;
