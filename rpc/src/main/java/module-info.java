/**
 * The JSON-RPC 2.0 bridge: a transport-independent dispatcher, the newline-delimited stdio
 * transport, coalesced notifications, the engine's methods bound to a
 * {@link dev.torrpedo.engine.Session}, and the method contract every frontend codes against
 * (see {@code rpc/README.md}). Only {@code dev.torrpedo.rpc} is exported.
 */
module dev.torrpedo.rpc {
    requires transitive dev.torrpedo.engine;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.jr.ob;
    requires org.slf4j;

    exports dev.torrpedo.rpc;
}
