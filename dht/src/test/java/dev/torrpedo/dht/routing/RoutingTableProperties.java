package dev.torrpedo.dht.routing;

import dev.torrpedo.dht.DhtContact;
import dev.torrpedo.dht.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Whatever nodes answer, fail, query or come back, the table's invariants hold. */
class RoutingTableProperties {

    @Property(tries = 200)
    void invariantsHoldUnderAnyHistory(@ForAll long seed, @ForAll boolean restrictIps,
                                       @ForAll @IntRange(min = 1, max = 800) int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        RoutingConfig config = new RoutingConfig(1 + r.nextInt(8), r.nextInt(9), restrictIps, r.nextBoolean(), 1 + r.nextInt(3), 1000);
        RoutingTable t = new RoutingTable(NodeId.random(r), config, 0);
        List<DhtContact> seen = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < steps; i++) {
            now += r.nextInt(200);
            int op = r.nextInt(10);
            if (op < 5 || seen.isEmpty()) {
                // few distinct IPs, so that IP rules bite
                DhtContact c = RoutingTableTest.contact(NodeId.random(r), 1 + r.nextInt(3), r.nextInt(4), r.nextInt(4), 1 + r.nextInt(3));
                seen.add(c);
                t.heard(c, r.nextBoolean(), now);
            } else {
                DhtContact c = seen.get(r.nextInt(seen.size()));
                switch (op) {
                    case 5, 6 -> t.failed(c, now);
                    case 7 -> t.queriedUs(c, now);
                    default -> t.heard(c, r.nextBoolean(), now);
                }
            }
        }
        t.checkInvariants();
        if (t.size() > config.k() * t.buckets().size()) {
            throw new AssertionError("more nodes than buckets can hold");
        }
    }
}
