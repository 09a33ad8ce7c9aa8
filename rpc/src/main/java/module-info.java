/**
 * The JSON-RPC 2.0 bridge: a transport-independent dispatcher, the newline-delimited stdio
 * transport, coalesced notifications and the method contract every frontend codes against
 * (see {@code rpc/README.md}). Only {@code dev.torrpedo.rpc} is exported.
 */
module dev.torrpedo.rpc {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.jr.ob;
    requires org.slf4j;

    exports dev.torrpedo.rpc;
}
