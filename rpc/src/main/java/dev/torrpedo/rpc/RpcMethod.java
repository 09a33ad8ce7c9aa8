package dev.torrpedo.rpc;

/**
 * A method handler. It receives its parameters bound to the record type it was registered
 * with, and returns the result: a JSON value or a {@link java.util.concurrent.CompletionStage}
 * of one.
 *
 * <p>JSON values are {@code null}, {@link Boolean}, {@link Number} (non-finite numbers are
 * written as {@code null}), {@link CharSequence}, {@link Enum} (written as its
 * {@code name()}), {@link java.util.Map} with string keys, {@link Iterable}, arrays, and
 * records (written as an object of their components, in declaration order). A handler that
 * returns {@code null} answers {@code "result": null}.
 *
 * <p>Failures: throw (or complete exceptionally with) an {@link RpcException}; see there for
 * how other exceptions are mapped.
 *
 * @param <P> the parameter record type, or {@link Void} for a method without parameters
 */
@FunctionalInterface
public interface RpcMethod<P> {

    /**
     * Handles one call.
     *
     * @param params the bound parameters ({@code null} for {@link Void})
     * @return the result value, or a stage that completes with it
     * @throws Exception any failure; mapped to an error response
     */
    Object call(P params) throws Exception;
}
