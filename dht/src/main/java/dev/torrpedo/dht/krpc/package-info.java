/**
 * KRPC (BEP 5): the messages as records under the sealed
 * {@link dev.torrpedo.dht.krpc.KrpcMessage}, a pure decoder with explicit limits
 * ({@link dev.torrpedo.dht.krpc.KrpcLimits}) that fails only with a
 * {@link dev.torrpedo.dht.krpc.KrpcException}, a canonical encoder, and the compact node
 * and peer formats of BEP 5 and BEP 32. Not exported.
 */
package dev.torrpedo.dht.krpc;
