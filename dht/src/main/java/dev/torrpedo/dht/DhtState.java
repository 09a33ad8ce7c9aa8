package dev.torrpedo.dht;

import dev.torrpedo.bencode.BDictionary;
import dev.torrpedo.bencode.BString;
import dev.torrpedo.bencode.BencodeDecoder;
import dev.torrpedo.bencode.BencodeEncoder;
import dev.torrpedo.bencode.BencodeException;
import dev.torrpedo.bencode.BencodeLimits;
import dev.torrpedo.bencode.BencodeMode;
import dev.torrpedo.dht.krpc.Compact;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a node keeps between runs: its id and the nodes of its routing table, so that the
 * next start needs no bootstrap router. Encoded as a bencoded dictionary
 * {@code {id, nodes (compact IPv4), nodes6 (compact IPv6)}}, the shape libtorrent's
 * session state uses.
 *
 * @param nodeId the node id
 * @param nodes  the routing table's nodes, best first
 */
public record DhtState(NodeId nodeId, List<DhtContact> nodes) {
    /** The most nodes {@link #decode} accepts. */
    public static final int MAX_NODES = 5000;

    /** Copies the list. */
    public DhtState {
        Objects.requireNonNull(nodeId, "nodeId");
        nodes = List.copyOf(nodes);
    }

    /** @return the bencoded state */
    public byte[] encode() {
        BDictionary.Builder b = BDictionary.builder().put("id", nodeId.bytes());
        b.put("nodes", Compact.nodes(nodes, false));
        b.put("nodes6", Compact.nodes(nodes, true));
        return BencodeEncoder.encode(b.build());
    }

    /**
     * Decodes what {@link #encode()} wrote.
     *
     * @return the state, or empty if the bytes are not a valid state (a corrupt file only
     *         costs a bootstrap)
     */
    public static Optional<DhtState> decode(byte[] bytes) {
        try {
            BDictionary d = BencodeDecoder.of(new BencodeLimits(MAX_NODES * Compact.NODE_V6 + 1024, 4, 64),
                    BencodeMode.LENIENT).decode(bytes).asDictionary();
            BString id = d.getString("id");
            if (id.length() != NodeId.LENGTH) {
                return Optional.empty();
            }
            List<DhtContact> nodes = new ArrayList<>();
            for (String key : List.of("nodes", "nodes6")) {
                Optional<BString> s = d.findString(key);
                if (s.isPresent()) {
                    nodes.addAll(Compact.nodes(s.get().bytes(), 0, s.get().length(), key.equals("nodes6")));
                }
            }
            if (nodes.size() > MAX_NODES) {
                nodes = nodes.subList(0, MAX_NODES);
            }
            return Optional.of(new DhtState(NodeId.of(id.bytes()), nodes));
        } catch (BencodeException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
