package dev.torrpedo.dht.internal;

import dev.torrpedo.bencode.BValue;
import dev.torrpedo.dht.ImmutableItem;
import dev.torrpedo.dht.MutableItem;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.PutResult;
import dev.torrpedo.dht.krpc.KrpcError;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.QueryArgs;
import dev.torrpedo.dht.krpc.ResponseBody;
import dev.torrpedo.dht.krpc.Want;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * BEP 44 {@code get} towards an item's target: keeps the first immutable value whose hash
 * is the target, or the mutable value with the highest sequence number whose key hashes
 * to the target and whose signature verifies; then, to put, sends {@code put} to the k
 * closest nodes that gave a token.
 */
final class ItemLookup extends Lookup {
    private final byte[] publicKey;
    private final byte[] salt;
    private final Object toPut; // ImmutableItem, MutableItem or null for a get
    private final CompletableFuture<Optional<ImmutableItem>> immutableResult;
    private final CompletableFuture<Optional<MutableItem>> mutableResult;
    private final CompletableFuture<PutResult> putResult;
    private ImmutableItem immutable;
    private MutableItem mutable;
    private int putsPending;
    private int storedAt;

    private ItemLookup(LookupContext ctx, NodeId target, byte[] publicKey, byte[] salt, Object toPut,
                       CompletableFuture<Optional<ImmutableItem>> immutableResult,
                       CompletableFuture<Optional<MutableItem>> mutableResult, CompletableFuture<PutResult> putResult) {
        super(ctx, target);
        this.publicKey = publicKey;
        this.salt = salt;
        this.toPut = toPut;
        this.immutableResult = immutableResult;
        this.mutableResult = mutableResult;
        this.putResult = putResult;
    }

    static ItemLookup getImmutable(LookupContext ctx, NodeId target, CompletableFuture<Optional<ImmutableItem>> result) {
        return new ItemLookup(ctx, target, null, null, null, result, null, null);
    }

    static ItemLookup getMutable(LookupContext ctx, byte[] publicKey, byte[] salt,
                                 CompletableFuture<Optional<MutableItem>> result) {
        return new ItemLookup(ctx, MutableItem.target(publicKey, salt), publicKey, salt, null, null, result, null);
    }

    static ItemLookup put(LookupContext ctx, ImmutableItem item, CompletableFuture<PutResult> result) {
        return new ItemLookup(ctx, item.target(), null, null, item, null, null, result);
    }

    static ItemLookup put(LookupContext ctx, MutableItem item, CompletableFuture<PutResult> result) {
        return new ItemLookup(ctx, item.target(), item.publicKey(), item.salt(), item, null, null, result);
    }

    @Override
    QueryArgs query() {
        return new QueryArgs.GetItem(target, -1, Want.DEFAULT);
    }

    @Override
    void collect(Candidate from, ResponseBody body) {
        if (!(body instanceof ResponseBody.Item item)) {
            return;
        }
        from.token = item.token();
        BValue v = item.value();
        if (v == null) {
            return;
        }
        if (item.publicKey() == null) {
            if (publicKey == null && immutable == null && Arrays.equals(Sha1.of(v.raw()), target.bytes())) {
                immutable = new ImmutableItem(v);
            }
        } else if (publicKey != null && Arrays.equals(item.publicKey(), publicKey)
                && (mutable == null || item.seq() > mutable.seq())) {
            MutableItem m = new MutableItem(item.publicKey(), salt, item.seq(), v, item.signature());
            if (m.verify()) {
                mutable = m;
            }
        }
    }

    @Override
    void finish() {
        if (toPut == null) {
            ctx.lookupDone(this);
            if (immutableResult != null) {
                immutableResult.complete(Optional.ofNullable(immutable));
            } else {
                mutableResult.complete(Optional.ofNullable(mutable));
            }
            return;
        }
        for (Candidate c : closest(k, true)) {
            QueryArgs args;
            if (toPut instanceof MutableItem m) {
                args = new QueryArgs.PutItem(c.token, m.value(), m.publicKey(), m.salt(), m.seq(), m.signature(), -1);
            } else {
                args = new QueryArgs.PutItem(c.token, ((ImmutableItem) toPut).value(), null, new byte[0], -1, null, -1);
            }
            boolean sent = ctx.sendQuery(c.address, c.id, args, new Rpc.Callback() {
                @Override
                public void onResponse(KrpcResponse response) {
                    storedAt++;
                    putDone();
                }

                @Override
                public void onFailure(KrpcError error) {
                    putDone();
                }
            });
            if (sent) {
                putsPending++;
            }
        }
        if (putsPending == 0) {
            completePut();
        }
    }

    private void putDone() {
        if (--putsPending == 0) {
            completePut();
        }
    }

    private void completePut() {
        ctx.lookupDone(this);
        putResult.complete(new PutResult(target, storedAt));
    }

    @Override
    void abort() {
        super.abort();
        putsPending = -1;
    }
}
