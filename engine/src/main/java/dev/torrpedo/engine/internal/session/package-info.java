/**
 * The session's internals: its threads and sockets ({@code Network}: the listener, the
 * shared UDP socket and its demultiplexer, the tracker clients, outbound dials), the event
 * hub with its revisions, bans, and the callback thread for user futures.
 */
package dev.torrpedo.engine.internal.session;
