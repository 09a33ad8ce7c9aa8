/**
 * Peer exchange ({@code ut_pex}, BEP 11): which peers of a message we take, and what we tell
 * each peer about ours, at most once a minute. Pure: the connections drive it on their loops.
 */
package dev.torrpedo.engine.internal.pex;
