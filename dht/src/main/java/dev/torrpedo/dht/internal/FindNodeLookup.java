package dev.torrpedo.dht.internal;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.krpc.QueryArgs;
import dev.torrpedo.dht.krpc.Want;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@code find_node} towards a target: bootstrap (our own id) and bucket refresh. */
final class FindNodeLookup extends Lookup {
    private final CompletableFuture<List<DhtContact>> result;

    FindNodeLookup(LookupContext ctx, NodeId target, CompletableFuture<List<DhtContact>> result) {
        super(ctx, target);
        this.result = result;
    }

    @Override
    QueryArgs query() {
        return new QueryArgs.FindNode(target, Want.DEFAULT);
    }

    @Override
    void finish() {
        List<DhtContact> out = new ArrayList<>();
        for (Candidate c : closest(k, false)) {
            out.add(c.contact());
        }
        ctx.lookupDone(this);
        result.complete(out);
    }
}
