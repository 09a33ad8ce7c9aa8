package dev.torrpedo.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code torrpedo rpc}: the JSON-RPC 2.0 bridge over stdio, one message per line, for a
 * frontend that spawns it. Arrives with the rpc module.
 */
@Command(name = "rpc",
        description = {"Serve JSON-RPC 2.0 over stdin/stdout, one message per line (for frontends that spawn"
                + " torrpedo); exits when stdin closes. stdout carries protocol messages only."})
final class RpcCommand implements Callable<Integer> {
    @ParentCommand
    TorrpedoCommand parent;

    @Override
    public Integer call() {
        throw NotYet.available("rpc");
    }
}
