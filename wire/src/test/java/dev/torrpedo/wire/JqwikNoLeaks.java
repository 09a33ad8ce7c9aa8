package dev.torrpedo.wire;

import java.util.List;
import net.jqwik.api.lifecycle.AfterContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;

/** {@link NoLeaks} for jqwik classes: {@code @AddLifecycleHook(JqwikNoLeaks.class)} fails the class on a leak. */
public final class JqwikNoLeaks implements AfterContainerHook {
    @Override
    public void afterContainer(ContainerLifecycleContext context) {
        List<String> found = NoLeaks.collect();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " ByteBuf leak(s) reported by Netty:\n" + String.join("\n", found));
        }
    }
}
