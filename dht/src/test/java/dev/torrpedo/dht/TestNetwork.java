package dev.torrpedo.dht;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Our nodes on loopback, each on its own 127.x.y.1 address (so that one-node-per-IP and
 * per-IP rate limits hold as on the Internet), sharing two event loops.
 */
final class TestNetwork implements AutoCloseable {
    final MultiThreadIoEventLoopGroup group;
    final List<DhtNode> nodes = new ArrayList<>();
    private final SplittableRandom seeds;

    TestNetwork(int threads, long seed) {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        seeds = new SplittableRandom(seed);
    }

    /** @return the loopback address of node {@code i}: 127.(1 + i / 256).(i % 256).1 */
    static InetAddress address(int i) {
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) (1 + i / 256), (byte) (i % 256), 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Settings for loopback: fast timers, no dark-internet filter, no upload cap. */
    static DhtSettings.Builder settings() {
        return DhtSettings.builder()
                .ignoreDarkInternet(false)
                .requestTimeout(Duration.ofSeconds(2))
                .slowRequestTimeout(Duration.ofMillis(400))
                .tickInterval(Duration.ofMillis(50))
                .uploadRateLimit(0)
                .bootstrapNodes(List.of());
    }

    DhtNode add(InetAddress ip, DhtSettings settings) {
        DhtNode node = DhtNode.builder()
                .settings(settings)
                .bind(group, new InetSocketAddress(ip, 0))
                .random(seeds.split())
                .callbackExecutor(Runnable::run)
                .build();
        nodes.add(node);
        return node;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20); // poll interval; the deadline bounds the wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        for (DhtNode n : nodes) {
            n.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
