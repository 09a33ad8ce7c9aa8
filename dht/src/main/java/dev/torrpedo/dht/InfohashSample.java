package dev.torrpedo.dht;

import dev.torrpedo.metainfo.InfoHash;
import java.time.Duration;
import java.util.List;

/**
 * One node's answer to BEP 51 {@code sample_infohashes}.
 *
 * @param from     the node that answered
 * @param interval how long before asking it again
 * @param num      how many info-hashes it stores
 * @param samples  the sampled info-hashes
 * @param nodes    nodes close to the target asked for, to walk the key space
 */
public record InfohashSample(DhtContact from, Duration interval, long num, List<InfoHash> samples,
                             List<DhtContact> nodes) {

    /** Copies the lists. */
    public InfohashSample {
        samples = List.copyOf(samples);
        nodes = List.copyOf(nodes);
    }
}
