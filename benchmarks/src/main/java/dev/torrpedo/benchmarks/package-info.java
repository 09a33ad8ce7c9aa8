/** JMH benchmarks of Torrpedo's hot paths, each beside the figure of another implementation. */
package dev.torrpedo.benchmarks;
