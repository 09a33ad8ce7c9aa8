/**
 * The node itself: its event-loop-confined state, transactions, lookups, the answering of
 * queries, the peer and item stores (Caffeine), tokens, rate limits. Not exported.
 */
package dev.torrpedo.dht.internal;
