/**
 * Request pipelining: one {@link dev.torrpedo.engine.internal.request.RequestQueue} per peer
 * keeps enough requests in flight to cover two seconds at the peer's measured rate (capped
 * by its {@code reqq} and our 500), and hands blocks back to the picker when the peer
 * rejects them (BEP 6), lets them time out (60 s without progress, on caller-supplied time),
 * chokes us without the fast extension, or is cancelled in endgame.
 *
 * <p>A queue is confined to its peer's event loop; the picker it feeds is the shared,
 * lock-free part. The queue owns the order and send times of its requests; the picker owns
 * the claims, so a block the queue forgets is always released back to it.
 */
package dev.torrpedo.engine.internal.request;
