package dev.torrpedo.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * A catch of SIGINT through {@code sun.misc.Signal} (module {@code jdk.unsupported}, in
 * every JDK since 9), reached by reflection: javac's "internal proprietary API" warnings
 * cannot be silenced under {@code --release}, and a runtime without that module simply
 * keeps the default behaviour. Each SIGINT runs the action on a thread the JVM starts for
 * that signal, so an action that blocks does not hold back the next Ctrl-C.
 */
final class SignalTrap implements AutoCloseable {
    private final Method handle;
    private final Object signal;
    private final Object previous;

    private SignalTrap(Method handle, Object signal, Object previous) {
        this.handle = handle;
        this.signal = signal;
        this.previous = previous;
    }

    /**
     * Runs {@code action} on each SIGINT until {@link #close()}.
     *
     * @return the trap, or empty when SIGINT cannot be caught here
     */
    static Optional<SignalTrap> sigint(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("INT");
            Object handler = Proxy.newProxyInstance(SignalTrap.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle":
                                action.run();
                                return null;
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == args[0];
                            case "toString":
                                return "SignalTrap(SIGINT)";
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object previous = handle.invoke(null, signal, handler);
            if (previous == handlerClass.getField("SIG_IGN").get(null)) {
                // SIGINT was ignored when the JVM started: HotSpot keeps it ignored and never calls us.
                handle.invoke(null, signal, previous);
                return Optional.empty();
            }
            return Optional.of(new SignalTrap(handle, signal, previous));
        } catch (InvocationTargetException e) {
            // IllegalArgumentException: SIGINT is reserved (-Xrs) or was ignored at startup.
            return Optional.empty();
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Puts back the handler SIGINT had before. */
    @Override
    public void close() {
        try {
            handle.invoke(null, signal, previous);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot restore the SIGINT handler", e);
        }
    }
}
