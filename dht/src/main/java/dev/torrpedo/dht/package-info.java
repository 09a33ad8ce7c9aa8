/**
 * The DHT (BEP 5): a Kademlia node that finds and announces peers without a tracker.
 *
 * <p>{@link dev.torrpedo.dht.DhtNode} is the whole API: build it with
 * {@link dev.torrpedo.dht.DhtNode#builder()} from immutable
 * {@link dev.torrpedo.dht.DhtSettings}, on its own UDP socket or on one shared with UDP
 * trackers and uTP, then {@code start()}, look up and announce, and {@code close()}.
 * Results are records ({@link dev.torrpedo.dht.PeerLookup},
 * {@link dev.torrpedo.dht.ScrapeResult}, {@link dev.torrpedo.dht.PutResult},
 * {@link dev.torrpedo.dht.InfohashSample}, {@link dev.torrpedo.dht.DhtStats}); the routing
 * table survives restarts as a {@link dev.torrpedo.dht.DhtState}.
 *
 * <p>Extensions: BEP 32 (IPv6 nodes, {@code want}), BEP 33 (scrape), BEP 42 (node ids tied
 * to the external IP), BEP 43 (read-only nodes), BEP 44 (immutable and mutable items,
 * {@link dev.torrpedo.dht.ImmutableItem}, {@link dev.torrpedo.dht.MutableItem}) and BEP 51
 * ({@code sample_infohashes}).
 */
package dev.torrpedo.dht;
