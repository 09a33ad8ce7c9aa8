package dev.torrpedo.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes a leaked {@link ByteBuf} fail the build: registered for every JUnit class (service
 * file + autodetection), it checks that leak detection is PARANOID, listens for Netty's leak
 * reports, and after each class collects garbage and fails if any buffer was reported.
 * jqwik and Jazzer runs are covered by the next class's check: the record is global.
 */
public final class NoLeaks implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ByteBufUtil.setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new AssertionError("leak detection is " + ResourceLeakDetector.getLevel()
                    + " (expected: PARANOID, from the surefire argLine)");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> found = collect();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " ByteBuf leak(s) reported by Netty:\n" + String.join("\n", found));
        }
    }

    /** Runs the garbage collector and lets Netty's detectors poll; returns and clears what they reported. */
    public static List<String> collect() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            // allocating polls the detectors' reference queues, which reports collected leaks
            ByteBuf a = Unpooled.buffer(1);
            ByteBuf b = Unpooled.directBuffer(1);
            ByteBuf c = PooledByteBufAllocator.DEFAULT.buffer(1);
            a.release();
            b.release();
            c.release();
        }
        List<String> found = List.copyOf(LEAKS);
        LEAKS.clear();
        return found;
    }
}
