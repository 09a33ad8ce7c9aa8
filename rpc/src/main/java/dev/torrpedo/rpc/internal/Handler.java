package dev.torrpedo.rpc.internal;

/** A registered method as the dispatcher calls it: bound params and the calling client in, a result (or a stage of one) out. */
@FunctionalInterface
interface Handler {
    Object invoke(Object params, Client client) throws Exception;
}
