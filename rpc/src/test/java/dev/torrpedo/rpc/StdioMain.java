package dev.torrpedo.rpc;

import org.slf4j.LoggerFactory;

/** A bridge process with no engine, for {@link StdioProcessTest}: real stdin and stdout. */
public final class StdioMain {
    private StdioMain() {
    }

    /**
     * Serves stdio until stdin closes or engine.shutdown.
     *
     * @param args unused
     * @throws InterruptedException never expected
     */
    public static void main(String[] args) throws InterruptedException {
        RpcServer server = RpcServer.builder()
                .engineVersion("child")
                .method("noise", Void.class, p -> {
                    System.out.println("this must not reach stdout");
                    LoggerFactory.getLogger(StdioMain.class).info("a log line");
                    return "quiet";
                })
                .onShutdown(() -> System.err.println("hook ran"))
                .build();
        server.serveStdio();
        System.err.println("serve returned");
    }
}
