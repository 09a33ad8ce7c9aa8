package dev.torrpedo.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Jazzer: whatever a peer sends after a valid handshake, over a real connection to a seeding
 * session, the session drops or keeps it by the rules, forgets it when it hangs up, and meets
 * no error that remote input should not cause. {@code mvn verify} replays the committed
 * inputs in {@code PeerInputFuzzTestInputs/}; set {@code JAZZER_FUZZ=1} to fuzz.
 */
class PeerInputFuzzTest {
    private static HostileInput target;

    @BeforeAll
    static void start() {
        target = new HostileInput();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    @FuzzTest(maxDuration = "60s")
    void messagesAfterTheHandshake(byte[] input) {
        target.send(input);
    }
}
