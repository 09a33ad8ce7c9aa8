/**
 * The routing table (BEP 5 k-buckets with replacement caches), node states, the IP rules
 * that keep one entry per address, and BEP 42 node ids. Pure: time is passed in. Not
 * exported.
 */
package dev.torrpedo.dht.routing;
