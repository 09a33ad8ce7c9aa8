package dev.torrpedo.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.torrpedo.dht.internal.DefaultDhtNode;
import dev.torrpedo.dht.routing.NodeEntry;
import dev.torrpedo.dht.routing.NodeState;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The timers, on a clock the test moves: a silent node turns questionable after 15 minutes
 * and is pinged; one that answers is good again, one that is gone turns bad.
 */
class MaintenanceTest {
    private final ManualClock clock = new ManualClock();

    private DhtNode node(TestNetwork net, int i, List<InetSocketAddress> boot) {
        DhtNode n = DhtNode.builder().settings(TestNetwork.settings().bootstrapNodes(boot).build())
                .bind(net.group, new InetSocketAddress(TestNetwork.address(i), 0)).clock(clock)
                .random(new SplittableRandom(i)).callbackExecutor(Runnable::run).build();
        net.nodes.add(n);
        n.start().join();
        return n;
    }

    /** Moves the clock and waits for the node's next tick to have seen it. */
    private void advance(DhtNode n, Duration d) {
        clock.advance(d);
        DhtStats before = n.stats();
        TestNetwork.await(() -> n.stats() != before, Duration.ofSeconds(5), "a tick");
    }

    private static NodeState stateOf(DhtNode n, NodeId id, long now) {
        return ((DefaultDhtNode) n).inspectTable(t -> {
            NodeEntry e = t.find(id);
            return e == null ? null : e.state(now, t.config());
        }).join();
    }

    @Test
    void silentNodesArePingedAndTheDeadTurnBad() {
        try (TestNetwork net = new TestNetwork(1, 12)) {
            DhtNode a = node(net, 0, List.of());
            DhtNode alive = node(net, 1, List.of(a.localAddress()));
            DhtNode dead = node(net, 2, List.of(a.localAddress()));
            TestNetwork.await(() -> a.nodeCount() == 2, Duration.ofSeconds(5), "both in a's table");
            NodeId deadId = dead.nodeId();
            dead.close();

            assertEquals(NodeState.GOOD, stateOf(a, alive.nodeId(), clock.millis()));
            advance(a, Duration.ofMinutes(15));
            // the longest-silent questionable node is pinged every 5 s; a query times out after 2 s
            for (int i = 0; i < 30 && stateOf(a, deadId, clock.millis()) != NodeState.BAD; i++) {
                advance(a, Duration.ofSeconds(3));
            }
            assertEquals(NodeState.BAD, stateOf(a, deadId, clock.millis()));
            assertEquals(NodeState.GOOD, stateOf(a, alive.nodeId(), clock.millis()), "pinged, answered, good again");
            assertTrue(a.stats().timeouts() >= 2);
            assertTrue(a.stats().goodNodes() >= 1);
        }
    }
}
