package dev.torrpedo.engine.internal.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmartBanTest {
    private static final InetSocketAddress A = new InetSocketAddress("10.0.0.1", 1);
    private static final InetSocketAddress B = new InetSocketAddress("10.0.0.2", 2);
    private static final InetSocketAddress C = new InetSocketAddress("10.0.0.3", 3);
    private static final Map<Integer, InetSocketAddress> LIVE = Map.of(1, A, 2, B);

    @Test
    void aPeerThatSentTheWholePieceIsBannedAtOnce() {
        SmartBan s = new SmartBan();
        SmartBan.Verdict v = s.failed(new int[] {1, 1, 1, -1}, LIVE::get);
        assertEquals(List.of(A), v.ban());
    }

    @Test
    void sharedBlameBansOnTheThirdStrike() {
        SmartBan s = new SmartBan();
        assertEquals(List.of(), s.failed(new int[] {1, 2}, LIVE::get).ban());
        assertEquals(List.of(), s.failed(new int[] {2, 1}, LIVE::get).ban());
        assertEquals(List.of(A, B), s.failed(new int[] {1, 2, 2}, LIVE::get).ban());
    }

    @Test
    void aPeerThatLeftIsStillBlamed() {
        SmartBan s = new SmartBan();
        s.departed(3, C);
        assertEquals(List.of(C), s.failed(new int[] {3, 3}, LIVE::get).ban());
    }
}
