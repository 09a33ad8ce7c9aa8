package dev.torrpedo.dht.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One k-bucket: its live nodes, its replacement cache, and when it last changed. */
public final class Bucket {
    final List<NodeEntry> live = new ArrayList<>();
    final List<NodeEntry> replacements = new ArrayList<>();
    long lastChanged;

    Bucket(long now) {
        this.lastChanged = now;
    }

    /** @return the live nodes, oldest first (read-only view) */
    public List<NodeEntry> live() {
        return Collections.unmodifiableList(live);
    }

    /** @return the replacement cache, oldest first (read-only view) */
    public List<NodeEntry> replacements() {
        return Collections.unmodifiableList(replacements);
    }

    /** @return when a node was last added to this bucket or answered from it */
    public long lastChanged() {
        return lastChanged;
    }
}
