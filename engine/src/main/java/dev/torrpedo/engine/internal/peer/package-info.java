/**
 * Peer connections: the application handler at the end of the wire module's pipeline, and
 * its upload side. Each runs on its channel's event loop.
 */
package dev.torrpedo.engine.internal.peer;
