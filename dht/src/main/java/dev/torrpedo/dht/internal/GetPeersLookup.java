package dev.torrpedo.dht.internal;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import dev.torrpedo.dht.PeerLookup;
import dev.torrpedo.dht.ScrapeResult;
import dev.torrpedo.dht.krpc.Compact;
import dev.torrpedo.dht.krpc.KrpcError;
import dev.torrpedo.dht.krpc.KrpcResponse;
import dev.torrpedo.dht.krpc.QueryArgs;
import dev.torrpedo.dht.krpc.ResponseBody;
import dev.torrpedo.dht.krpc.Want;
import dev.torrpedo.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code get_peers} towards an info-hash: collects peers (passing each new batch to a
 * listener), write tokens and BEP 33 bloom filters; then, to announce, sends
 * {@code announce_peer} to the k closest nodes that gave a token.
 */
final class GetPeersLookup extends Lookup {
    /** The most peers one lookup keeps. */
    static final int MAX_PEERS = 5000;

    /** What to do once converged. */
    record Announce(int port, boolean impliedPort, boolean seed) {
    }

    private final InfoHash infoHash;
    private final boolean scrape;
    private final Announce announce;
    private final Consumer<List<InetSocketAddress>> onPeers;
    private final CompletableFuture<PeerLookup> result;
    private final CompletableFuture<ScrapeResult> scrapeResult;
    private final Set<InetSocketAddress> peers = new LinkedHashSet<>();
    private final BloomFilter seedsBloom = new BloomFilter();
    private final BloomFilter peersBloom = new BloomFilter();
    private int bloomResponses;
    private int announcesPending;
    private int announcedTo;

    GetPeersLookup(LookupContext ctx, InfoHash infoHash, Announce announce, Consumer<List<InetSocketAddress>> onPeers,
                   CompletableFuture<PeerLookup> result) {
        super(ctx, NodeId.of(infoHash.wire()));
        this.infoHash = infoHash;
        this.scrape = false;
        this.announce = announce;
        this.onPeers = onPeers;
        this.result = result;
        this.scrapeResult = null;
    }

    GetPeersLookup(LookupContext ctx, InfoHash infoHash, CompletableFuture<ScrapeResult> scrapeResult) {
        super(ctx, NodeId.of(infoHash.wire()));
        this.infoHash = infoHash;
        this.scrape = true;
        this.announce = null;
        this.onPeers = null;
        this.result = null;
        this.scrapeResult = scrapeResult;
    }

    @Override
    QueryArgs query() {
        return new QueryArgs.GetPeers(target, Want.DEFAULT, false, scrape);
    }

    @Override
    void collect(Candidate from, ResponseBody body) {
        if (!(body instanceof ResponseBody.Peers p)) {
            return;
        }
        from.token = p.token();
        List<InetSocketAddress> fresh = new ArrayList<>();
        for (InetSocketAddress peer : p.values()) {
            if (peer.getPort() != 0 && Compact.isV6(peer) == ctx.v6() && peers.size() < MAX_PEERS && peers.add(peer)) {
                fresh.add(peer);
            }
        }
        if (scrape) {
            if (p.seedsBloom() != null && p.peersBloom() != null) {
                seedsBloom.union(BloomFilter.of(p.seedsBloom()));
                peersBloom.union(BloomFilter.of(p.peersBloom()));
                bloomResponses++;
            } else if (!p.values().isEmpty()) {
                for (InetSocketAddress peer : p.values()) {
                    peersBloom.insert(peer.getAddress()); // BEP 33: a legacy answer counts as peers
                }
                bloomResponses++;
            }
        }
        if (!fresh.isEmpty() && onPeers != null) {
            onPeers.accept(fresh);
        }
    }

    @Override
    void finish() {
        if (scrape) {
            ctx.lookupDone(this);
            scrapeResult.complete(new ScrapeResult(infoHash, (int) Math.round(seedsBloom.estimate()),
                    (int) Math.round(peersBloom.estimate()), bloomResponses));
            return;
        }
        if (announce == null) {
            complete();
            return;
        }
        for (Candidate c : closest(k, true)) {
            QueryArgs args = new QueryArgs.AnnouncePeer(target, announce.impliedPort() ? 0 : announce.port(),
                    announce.impliedPort(), c.token, announce.seed());
            boolean sent = ctx.sendQuery(c.address, c.id, args, new Rpc.Callback() {
                @Override
                public void onResponse(KrpcResponse response) {
                    announcedTo++;
                    announceDone();
                }

                @Override
                public void onFailure(KrpcError error) {
                    announceDone();
                }
            });
            if (sent) {
                announcesPending++;
            }
        }
        if (announcesPending == 0) {
            complete();
        }
    }

    private void announceDone() {
        if (--announcesPending == 0) {
            complete();
        }
    }

    private void complete() {
        List<DhtContact> closest = new ArrayList<>();
        for (Candidate c : closest(k, false)) {
            closest.add(c.contact());
        }
        ctx.lookupDone(this);
        result.complete(new PeerLookup(infoHash, new ArrayList<>(peers), closest, queried(), responded(), rounds(),
                announcedTo));
    }

    @Override
    void abort() {
        super.abort();
        announcesPending = -1;
    }
}
