package dev.torrpedo.rpc.internal;

import dev.torrpedo.rpc.RpcErrorCode;
import dev.torrpedo.rpc.RpcException;
import dev.torrpedo.rpc.RpcLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-independent core: one inbound message (one line on stdio, one frame on a
 * WebSocket) in, at most one outbound message out. JSON-RPC 2.0 semantics: a single request
 * or a batch; notifications are never answered, even when they fail; an element that is not
 * a request object is always answered; ids (string, number or null) are echoed as read.
 *
 * <p>{@link #parse} reads the message (limits first), so the transport can count its
 * requests against the in-flight bound before {@link #dispatch} runs them. Neither throws.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /**
     * A message after reading.
     *
     * @param elements its request elements, in order (empty if it could not be read)
     * @param batch true if it was an array
     * @param immediate the whole answer when the message was rejected before any element ran
     *     (unreadable, an empty or oversized batch), else null
     */
    record Parsed(List<Incoming> elements, boolean batch, byte[] immediate) {
        /** The number of in-flight permits it needs. */
        int weight() {
            return Math.max(1, elements.size());
        }
    }

    private final Map<String, MethodEntry> methods;
    private final JsonReader reader;
    private final Messages messages;
    private final RpcLimits limits;
    private final Executor blockingExecutor;
    private final BooleanSupplier shuttingDown;

    Dispatcher(Map<String, MethodEntry> methods, Messages messages, RpcLimits limits, Executor blockingExecutor,
               BooleanSupplier shuttingDown) {
        this.methods = Map.copyOf(methods);
        this.messages = messages;
        this.limits = limits;
        this.reader = new JsonReader(limits.maxDepth(), limits.maxMessageBytes());
        this.blockingExecutor = blockingExecutor;
        this.shuttingDown = shuttingDown;
    }

    Messages messages() {
        return messages;
    }

    /** Reads {@code b[off, off + len)} as one message. */
    Parsed parse(byte[] b, int off, int len) {
        Object tree;
        try {
            tree = reader.read(b, off, len);
        } catch (UnreadableMessage e) {
            return rejected(e.toRpcException());
        }
        if (tree instanceof List) {
            List<?> items = (List<?>) tree;
            if (items.isEmpty()) {
                return rejected(invalidRequest("empty batch"));
            }
            if (items.size() > limits.maxBatch()) {
                return rejected(new RpcException(RpcErrorCode.INVALID_REQUEST, RpcErrorCode.INVALID_REQUEST.title()
                        + ": batch of " + items.size() + " requests (expected: <= " + limits.maxBatch() + ")",
                        Map.of("limit", limits.maxBatch())));
            }
            List<Incoming> elements = new ArrayList<>(items.size());
            for (Object item : items) {
                elements.add(Incoming.of(item));
            }
            return new Parsed(elements, true, null);
        }
        return new Parsed(List.of(Incoming.of(tree)), false, null);
    }

    /** The answer to a message longer than the limit, which was skipped unread. */
    byte[] tooLong(long length) {
        UnreadableMessage e = new UnreadableMessage(UnreadableMessage.Reason.SIZE,
                "message of " + (length > limits.maxMessageBytes() ? "more than " + limits.maxMessageBytes() : length)
                        + " bytes (expected: <= " + limits.maxMessageBytes() + ")", -1, limits.maxMessageBytes());
        return messages.error(null, e.toRpcException());
    }

    /** Reads and runs a message: the answer, or null when none is due. */
    CompletableFuture<byte[]> handle(byte[] b, int off, int len, Client client) {
        return dispatch(parse(b, off, len), client);
    }

    /**
     * Runs a parsed message.
     *
     * @return completes with the answer, or with null when nothing is to be answered
     *     (notifications only); never completes exceptionally
     */
    CompletableFuture<byte[]> dispatch(Parsed parsed, Client client) {
        if (parsed.immediate != null) {
            return CompletableFuture.completedFuture(parsed.immediate);
        }
        if (!parsed.batch) {
            return one(parsed.elements.get(0), client);
        }
        List<CompletableFuture<byte[]>> parts = new ArrayList<>(parsed.elements.size());
        for (Incoming in : parsed.elements) {
            parts.add(one(in, client));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<byte[]> answers = new ArrayList<>(parts.size());
            for (CompletableFuture<byte[]> p : parts) {
                byte[] a = p.join();
                if (a != null) {
                    answers.add(a);
                }
            }
            return answers.isEmpty() ? null : Messages.batch(answers);
        });
    }

    private CompletableFuture<byte[]> one(Incoming in, Client client) {
        if (in instanceof Incoming.Invalid) {
            Incoming.Invalid bad = (Incoming.Invalid) in;
            return CompletableFuture.completedFuture(messages.error(bad.id(), bad.error()));
        }
        Incoming.Call call = (Incoming.Call) in;
        return invoke(call, client).handle((result, failure) -> {
            if (call.isNotification()) {
                if (failure != null) {
                    LOG.debug("notification {} failed: {}", clip(call.method()), failure.toString());
                }
                return null;
            }
            if (failure != null) {
                return messages.error(call.id(), toRpcException(call.method(), failure));
            }
            try {
                return messages.result(call.id(), result);
            } catch (IllegalArgumentException unwritable) {
                LOG.warn("{} returned a result that is not JSON: {}", call.method(), unwritable.getMessage());
                return messages.error(call.id(), new RpcException(RpcErrorCode.INTERNAL_ERROR,
                        RpcErrorCode.INTERNAL_ERROR.title() + ": the result could not be written as JSON"));
            }
        });
    }

    private CompletableFuture<Object> invoke(Incoming.Call call, Client client) {
        MethodEntry m = methods.get(call.method());
        if (m == null) {
            String name = clip(call.method());
            return CompletableFuture.failedFuture(new RpcException(RpcErrorCode.METHOD_NOT_FOUND,
                    RpcErrorCode.METHOD_NOT_FOUND.title() + ": " + name, Map.of("method", name)));
        }
        if (shuttingDown.getAsBoolean()) {
            return CompletableFuture.failedFuture(new RpcException(RpcErrorCode.SHUTTING_DOWN,
                    RpcErrorCode.SHUTTING_DOWN.title() + ": " + m.name() + " not run"));
        }
        Object params;
        try {
            params = m.binder().bind(call.params());
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!m.blocking()) {
            return run(m, params, client);
        }
        try {
            return CompletableFuture.supplyAsync(() -> run(m, params, client), blockingExecutor)
                    .thenCompose(f -> f);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<Object> run(MethodEntry m, Object params, Client client) {
        try {
            Object r = m.handler().invoke(params, client);
            if (r instanceof CompletionStage) {
                return ((CompletionStage<Object>) r).toCompletableFuture();
            }
            return CompletableFuture.completedFuture(r);
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** How a failure is answered. */
    static RpcException toRpcException(String method, Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof RpcException) {
            return (RpcException) t;
        }
        if (t instanceof IllegalArgumentException) {
            return new RpcException(RpcErrorCode.INVALID_PARAMS,
                    RpcErrorCode.INVALID_PARAMS.title() + ": " + String.valueOf(t.getMessage()));
        }
        if (t instanceof IOException || t instanceof UncheckedIOException) {
            return new RpcException(RpcErrorCode.IO_ERROR, RpcErrorCode.IO_ERROR.title() + ": " + t.getMessage(), null, t);
        }
        if (t instanceof RejectedExecutionException) {
            return new RpcException(RpcErrorCode.SHUTTING_DOWN, RpcErrorCode.SHUTTING_DOWN.title());
        }
        LOG.warn("{} failed", clip(method), t);
        return new RpcException(RpcErrorCode.INTERNAL_ERROR, RpcErrorCode.INTERNAL_ERROR.title() + ": "
                + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
    }

    private static RpcException invalidRequest(String why) {
        return new RpcException(RpcErrorCode.INVALID_REQUEST, RpcErrorCode.INVALID_REQUEST.title() + ": " + why);
    }

    private Parsed rejected(RpcException e) {
        return new Parsed(List.of(), false, messages.error(null, e));
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
