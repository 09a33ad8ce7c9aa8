package dev.torrpedo.dht;

/**
 * The outcome of a BEP 44 put.
 *
 * @param target   where the item is stored
 * @param storedAt nodes that acknowledged the put
 */
public record PutResult(NodeId target, int storedAt) {
}
