package dev.torrpedo.wire.extension;

import java.util.List;

/**
 * {@code ut_pex} (BEP 11): peers the sender connected to or dropped since its last message.
 *
 * <pre>
 * d5:added&lt;6n bytes: IPv4, port&gt;7:added.f&lt;n flag bytes&gt;6:added6&lt;18m bytes: IPv6, port&gt;
 *  8:added6.f&lt;m flag bytes&gt;7:dropped&lt;6k bytes&gt;8:dropped6&lt;18l bytes&gt;e
 * </pre>
 *
 * Each list holds IPv4 peers first, then IPv6 peers, as they travel.
 *
 * @param added   peers connected to, with their flags
 * @param dropped peers disconnected from (their flags are 0)
 */
public record Pex(List<PexPeer> added, List<PexPeer> dropped) implements ExtensionMessage {
    /** Copies the lists. */
    public Pex {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
    }

    @Override
    public String name() {
        return UT_PEX;
    }
}
