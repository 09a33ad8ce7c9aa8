/**
 * The scale harness ({@link dev.torrpedo.benchmarks.scale.ScaleHarness}): heap, RSS and idle
 * CPU of one session holding many torrents, and many peer connections, through the engine's
 * public API. A program, not a JMH benchmark.
 */
package dev.torrpedo.benchmarks.scale;
