/**
 * {@link dev.torrpedo.tracker.server.EmbeddedTracker}: a small HTTP and UDP tracker over an
 * in-memory swarm registry, for tests, the demo and local swarms.
 */
package dev.torrpedo.tracker.server;
