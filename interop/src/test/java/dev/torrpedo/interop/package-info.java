/**
 * Tests against real BitTorrent clients installed from Debian packages (python3-libtorrent,
 * transmission-cli, aria2, opentracker), started on loopback ports chosen at random and
 * always torn down. Run with {@code mvn verify -Pinterop}; a missing client fails the run.
 */
package dev.torrpedo.interop;
