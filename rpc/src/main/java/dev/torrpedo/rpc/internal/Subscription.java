package dev.torrpedo.rpc.internal;

import java.util.List;
import java.util.Set;

/**
 * What one client has subscribed to; immutable, replaced as a whole.
 *
 * @param events the event notification names it receives
 * @param progressIntervalMs the {@code torrent.progress} interval, or 0 for none
 * @param fields the status fields progress carries, or null for all
 */
record Subscription(Set<String> events, long progressIntervalMs, List<String> fields) {
    static final Subscription NONE = new Subscription(Set.of(), 0, null);

    Subscription {
        events = Set.copyOf(events);
        fields = fields == null ? null : List.copyOf(fields);
    }

    boolean progress() {
        return progressIntervalMs > 0;
    }

    boolean isEmpty() {
        return events.isEmpty() && !progress();
    }
}
