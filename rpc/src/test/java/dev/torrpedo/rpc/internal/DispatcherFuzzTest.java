package dev.torrpedo.rpc.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Jazzer: any input, read as one message and as a stream of lines, gets only well-formed
 * JSON-RPC answers (or none), and nothing escapes the dispatcher. {@code mvn verify} replays
 * the committed inputs in {@code DispatcherFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class DispatcherFuzzTest {
    private static DefaultRpcServer server = Fixtures.server();
    private static Connection client = server.connect();

    @FuzzTest(maxDuration = "30s")
    void handle(byte[] input) throws InterruptedException {
        if (server.stopping().isDone()) {
            // an input called engine.shutdown; later inputs deserve a running server
            server = Fixtures.server();
            client = server.connect();
        }
        check(Fixtures.call(server, client, input));
        try {
            new LineReader(new ByteArrayInputStream(input), 4096).run(new LineReader.Sink() {
                @Override
                public void line(byte[] b, int off, int len) {
                    check(Fixtures.string(server.dispatcher().handle(b, off, len, client).join()));
                }

                @Override
                public void tooLong(long length) {
                    check(Fixtures.string(server.dispatcher().tooLong(length)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(String answer) {
        if (answer != null) {
            WellFormed.check(Fixtures.json(answer));
        }
    }
}
