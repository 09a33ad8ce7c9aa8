package dev.torrpedo.engine.internal.picker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Scenarios built from strings (see {@link PickerScenario}); the picking peer has every piece. */
class PiecePickerTest {

    private static Set<Integer> piecesOf(List<Long> picks) {
        return picks.stream().map(BlockAddress::piece).collect(Collectors.toSet());
    }

    @Test
    void picksTheRarestPieceFirst() {
        PickerScenario s = PickerScenario.of("4321234", "       ", "", "");
        PickerPeer peer = s.peer("*");
        List<Long> picks = s.pick(peer, 4);
        assertEquals(List.of(BlockAddress.of(3, 0), BlockAddress.of(3, 1), BlockAddress.of(3, 2), BlockAddress.of(3, 3)), picks);
        // next: one of the two pieces seen by two others
        assertTrue(Set.of(2, 4).contains(s.pickOnePiece(peer)));
    }

    @Test
    void breaksTiesAtRandomButReproducibly() {
        Set<Integer> firsts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            PickerScenario a = PickerScenario.of("1111111", "       ", "", "", PickerScenario.PIECE, seed);
            PickerScenario b = PickerScenario.of("1111111", "       ", "", "", PickerScenario.PIECE, seed);
            int first = a.pickOnePiece(a.peer("*"));
            assertEquals(first, b.pickOnePiece(b.peer("*")), "same seed, same order");
            firsts.add(first);
        }
        assertTrue(firsts.size() > 3, "ties broken at random: " + firsts);
    }

    @Test
    void neverPicksWhatWeHaveOrSkip() {
        PickerScenario s = PickerScenario.of("1111111", "x x x  ", "1111110", "");
        PickerPeer peer = s.peer("*");
        Set<Integer> picked = piecesOf(s.pick(peer, 100));
        assertEquals(Set.of(1, 3, 5), picked);
        assertTrue(s.pick(peer, 10).stream().allMatch(BlockAddress::isDuplicate), "only endgame duplicates remain");
    }

    @Test
    void aPieceWeLostIsPickedAgainAfterThePickerPassedIt() {
        PickerScenario s = PickerScenario.of("1111111", "xxxxxxx", "", "");
        PickerPeer peer = s.peer("*");
        assertTrue(s.pick(peer, 10).isEmpty(), "we have everything");
        assertTrue(s.picker.weLost(5));
        assertEquals(Set.of(5), piecesOf(s.pick(peer, 10)), "the lost piece is wanted and picked again");
    }

    @Test
    void higherPriorityBeatsRarity() {
        PickerScenario s = PickerScenario.of("1999999", "       ", "1117111", "");
        assertEquals(3, s.pickOnePiece(s.peer("*")));
    }

    @Test
    void finishesPartialPiecesFirst() {
        PickerScenario s = PickerScenario.of("5515555", "       ", "", "  3    ");
        PickerPeer peer = s.peer("*");
        assertEquals(List.of(BlockAddress.of(2, 2), BlockAddress.of(2, 3)), s.pick(peer, 2));
        assertEquals(PieceState.PARTIAL, s.picker.pieceState(2));
        assertEquals(2, s.pickOnePiece(s.peer("*")) == 2 ? 0 : 2, "piece 2 is fully requested; rarest untouched is next");
    }

    @Test
    void onlyPicksWhatThePeerHas() {
        PickerScenario s = PickerScenario.of("1111111", "       ", "", "");
        PickerPeer peer = s.peer(" x   x ");
        assertEquals(Set.of(1, 5), piecesOf(s.pick(peer, 100)));
    }

    @Test
    void lastPieceIsShort() {
        PickerScenario s = PickerScenario.of("111", "   ", "", "", 20_000, 1);
        PieceGeometry g = s.picker.geometry();
        assertEquals(2, g.blockCount(2));
        assertEquals(20_000 - 16_384, g.blockLength(2, 1));
        assertEquals(16_384, g.blockLength(2, 0));
        assertEquals(4 + 4 + 2, s.pick(s.peer("*"), 100).size());
        assertEquals(10, g.totalBlocks());
        assertThrows(IndexOutOfBoundsException.class, () -> s.picker.blockState(BlockAddress.of(2, 2)));
    }

    @Test
    void aBlockIsClaimedByOnePeerUntilEndgame() {
        PickerScenario s = PickerScenario.of("11", "  ", "", "");
        PickerPeer a = s.peer("**");
        PickerPeer b = s.peer("**");
        List<Long> pa = s.pick(a, 4);
        List<Long> pb = s.pick(b, 4);
        assertEquals(4, pa.size());
        assertEquals(4, pb.size());
        Set<Long> all = new HashSet<>(pa);
        all.addAll(pb);
        assertEquals(8, all.size(), "no block handed out twice");
        assertTrue(pa.stream().noneMatch(BlockAddress::isDuplicate));
        assertTrue(s.picker.inEndgame());
        PickerPeer c = s.peer("**");
        List<Long> pc = s.pick(c, 3);
        assertEquals(3, pc.size());
        assertTrue(pc.stream().allMatch(BlockAddress::isDuplicate));
        assertEquals(2, s.picker.requesters(pc.get(0)));
        // a peer is never handed a block it already requested
        assertTrue(s.pick(a, 10).stream().map(BlockAddress::address).noneMatch(pa::contains));
    }

    @Test
    void endgameReportsWhomToCancel() {
        PickerScenario s = PickerScenario.of("1", " ", "", "");
        PickerPeer a = s.peer("x");
        PickerPeer b = s.peer("x");
        PickerPeer c = s.peer("x");
        assertEquals(4, s.pick(a, 4).size());
        List<Long> pb = s.pick(b, 4);
        assertEquals(4, pb.size(), "every block once more");
        long block = BlockAddress.address(pb.get(0));
        assertEquals(block, BlockAddress.address(s.pick(c, 1).get(0)), "then a third requester, at most");
        assertEquals(3, s.picker.requesters(block));
        assertEquals(3, s.pick(c, 10).size(), "the other three blocks");
        assertTrue(s.pick(c, 10).isEmpty(), "c has requested every block");
        Received r = s.picker.received(b, block);
        assertTrue(r.accepted());
        Set<Integer> cancel = new HashSet<>();
        for (int id : r.cancelPeers()) {
            cancel.add(id);
        }
        assertEquals(Set.of(a.id(), c.id()), cancel);
        assertEquals(Received.DUPLICATE, s.picker.received(a, block));
        assertEquals(BlockState.WRITING, s.picker.blockState(block));
        PickerInvariants.check(s.picker, s.others);
    }

    @Test
    void releasedClaimsArePickedAgain() {
        PickerScenario s = PickerScenario.of("11", "  ", "", "");
        PickerPeer a = s.peer("**");
        List<Long> pa = s.pick(a, 8);
        assertEquals(8, pa.size());
        assertTrue(s.picker.release(a, pa.get(5)), "reject");
        assertFalse(s.picker.release(a, pa.get(5)), "released once");
        assertEquals(7, s.picker.releaseAll(a), "choke");
        assertFalse(s.picker.inEndgame());
        PickerPeer b = s.peer("**");
        List<Long> pb = s.pick(b, 8);
        assertEquals(new HashSet<>(pa), new HashSet<>(pb));
        assertTrue(pb.stream().noneMatch(BlockAddress::isDuplicate));
    }

    @Test
    void aDroppedPeerLosesItsClaimsAndItsAvailability() {
        PickerScenario s = PickerScenario.of("1111", "    ", "", "");
        PickerPeer a = s.peer("x x ");
        PickerPeer seed = s.peer("*");
        assertEquals("3232", s.availability());
        assertEquals(8, s.pick(a, 8).size());
        assertEquals(8, s.picker.peerLeft(a));
        assertEquals(0, s.picker.peerLeft(a), "once");
        assertEquals("2222", s.availability());
        s.picker.peerLeft(seed);
        assertEquals("1111", s.availability());
        PickerInvariants.check(s.picker, s.others);
    }

    @Test
    void blocksGoThroughTheirStatesAndThePieceIsVerified() {
        PickerScenario s = PickerScenario.of("1", " ", "", "");
        PickerPeer a = s.peer("x");
        List<Long> picks = s.pick(a, 4);
        for (int i = 0; i < 4; i++) {
            long block = picks.get(i);
            assertEquals(BlockState.REQUESTED, s.picker.blockState(block));
            assertTrue(s.picker.received(a, block).accepted());
            assertEquals(BlockState.WRITING, s.picker.blockState(block));
            assertEquals(i == 3, s.picker.blockWritten(block));
            assertEquals(BlockState.FINISHED, s.picker.blockState(block));
        }
        assertEquals(PieceState.VERIFYING, s.picker.pieceState(0));
        assertFalse(s.picker.isComplete());
        assertTrue(s.picker.pieceVerified(0));
        assertEquals(PieceState.HAVE, s.picker.pieceState(0));
        assertTrue(s.picker.isComplete());
        assertFalse(s.picker.interesting(a));
        assertEquals(Received.NOT_NEEDED, s.picker.received(a, picks.get(0)));
        PickerInvariants.check(s.picker, s.others);
    }

    @Test
    void aFailedPieceIsResetAndPickedFirstWithItsSendersKnown() {
        PickerScenario s = PickerScenario.of("12", "  ", "", "");
        PickerPeer a = s.peer("xx");
        PickerPeer b = s.peer("xx");
        List<Long> pa = s.pick(a, 2);
        List<Long> pb = s.pick(b, 2);
        assertEquals(Set.of(0), piecesOf(pa));
        assertEquals(Set.of(0), piecesOf(pb));
        for (long x : pa) {
            s.picker.received(a, x);
            s.picker.blockWritten(x);
        }
        for (long x : pb) {
            s.picker.received(b, x);
            s.picker.blockWritten(x);
        }
        assertEquals(PieceState.VERIFYING, s.picker.pieceState(0));
        assertArrayEquals(new int[] {a.id(), a.id(), b.id(), b.id()}, s.picker.blockSenders(0));
        assertFalse(s.picker.pieceVerified(1), "piece 1 is not verifying");
        assertTrue(s.picker.pieceFailed(0));
        assertFalse(s.picker.pieceFailed(0), "once");
        assertEquals(PieceState.PARTIAL, s.picker.pieceState(0), "reset, remembered as started");
        assertEquals(BlockState.NONE, s.picker.blockState(pa.get(0)));
        PickerPeer c = s.peer("xx");
        assertEquals(Set.of(0), piecesOf(s.pick(c, 4)), "re-downloaded first");
    }

    @Test
    void aLateBlockIsStillUsefulAndAFailedWriteIsRequestedAgain() {
        PickerScenario s = PickerScenario.of("1", " ", "", "");
        PickerPeer a = s.peer("x");
        long block = s.pick(a, 1).get(0);
        s.picker.release(a, block); // timed out
        assertEquals(BlockState.NONE, s.picker.blockState(block));
        assertTrue(s.picker.received(a, block).accepted(), "late but needed");
        assertTrue(s.picker.writeFailed(block));
        assertEquals(BlockState.NONE, s.picker.blockState(block));
        assertTrue(s.pick(a, 4).contains(block));
    }

    @Test
    void interestFollowsWhatWeWantAndLack() {
        PickerScenario s = PickerScenario.of("0000", "x   ", "", "");
        PickerPeer peer = s.peer("x   ");
        assertFalse(s.picker.interesting(peer), "it has only what we have");
        assertTrue(s.picker.peerHas(peer, 2));
        assertTrue(s.picker.interesting(peer));
        s.picker.setPiecePriority(2, 0);
        assertFalse(s.picker.interesting(peer), "it has only what we skip");
        assertFalse(s.picker.peerHas(peer, 2));
        PickerPeer seed = s.peer("*");
        assertTrue(s.picker.interesting(seed));
        assertTrue(s.pick(peer, 10).isEmpty(), "nothing wanted from it");
    }

    @Test
    void whileChokedOnlyAllowedFastPiecesArePicked() {
        PickerScenario s = PickerScenario.of("1111", "    ", "", "");
        PickerPeer peer = s.peer("*");
        peer.setChoked(true);
        assertTrue(s.pick(peer, 10).isEmpty());
        peer.addAllowedFast(2);
        assertFalse(peer.addAllowedFast(2));
        assertEquals(Set.of(2), piecesOf(s.pick(peer, 10)));
        peer.setChoked(false);
        assertEquals(Set.of(0, 1, 3), piecesOf(s.pick(peer, 100)));
    }

    @Test
    void suggestedPiecesComeBeforeRarerOnes() {
        PickerScenario s = PickerScenario.of("5515555", "       ", "", "");
        PickerPeer peer = s.peer("*");
        peer.suggest(5);
        assertEquals(5, s.pickOnePiece(peer));
    }

    @Test
    void sequentialModePicksTheWindowInOrder() {
        PickerScenario s = PickerScenario.of("9999991", "x      ", "", "");
        s.picker.setSequential(2);
        PickerPeer peer = s.peer("*");
        List<Long> picks = s.pick(peer, 10);
        assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2, 6, 6), picks.stream().map(BlockAddress::piece).collect(Collectors.toList()),
                "window 1..2 in order, then rarest first");
        s.picker.setSequential(Integer.MAX_VALUE);
        assertEquals(Set.of(3), piecesOf(s.pick(s.peer("*"), 4)), "strictly in order");
        s.picker.setPiecePriority(4, 0);
        assertEquals(Set.of(5), piecesOf(s.pick(s.peer("*"), 4)), "skips what is skipped");
        s.picker.setPiecePriority(4, 1);
        assertEquals(Set.of(4), piecesOf(s.pick(s.peer("*"), 4)), "and goes back for it when it is wanted again");
        s.picker.setSequential(0);
        assertNotEquals(-1, s.pickOnePiece(s.peer("*")));
    }

    @Test
    void availabilityFollowsHavesAndHaveAll() {
        PickerScenario s = PickerScenario.of("0120", "    ", "", "");
        assertEquals("0120", s.availability());
        PickerPeer p = s.peer("    ");
        s.picker.peerHas(p, 0);
        s.picker.peerHas(p, 0);
        assertEquals("1120", s.availability());
        s.picker.peerHasAll(p);
        assertEquals("1231", s.availability());
        // a peer whose HAVEs complete the set becomes a seed
        PickerPeer q = s.peer("xxx ");
        s.picker.peerHas(q, 3);
        assertTrue(q.hasAll());
        assertEquals(2, s.picker.stats().seeds());
        assertEquals("2342", s.availability());
        PickerInvariants.check(s.picker, s.others);
    }

    @Test
    void skippingAPieceMidDownloadStopsPicksButKeepsWhatArrives() {
        PickerScenario s = PickerScenario.of("111", "   ", "", "");
        PickerPeer a = s.peer("xxx");
        List<Long> first = s.pick(a, 2);
        int piece = BlockAddress.piece(first.get(0));
        s.picker.setPiecePriority(piece, 0);
        assertFalse(piecesOf(s.pick(a, 100)).contains(piece), "a skipped piece is not picked");
        assertTrue(s.picker.received(a, first.get(0)).accepted(), "a block already on its way is kept");
        assertEquals(2, s.picker.stats().missing());
        // every wanted block is now requested: endgame, although the skipped piece has free blocks
        assertTrue(s.picker.inEndgame());
        s.picker.setPiecePriority(piece, 7);
        assertFalse(s.picker.inEndgame());
        assertEquals(Set.of(piece), piecesOf(s.pick(a, 100)));
    }

    @Test
    void aFullBitfieldMakesASeed() {
        PickerScenario s = PickerScenario.of("000", "   ", "", "");
        PickerPeer p = s.peer("xxx");
        assertTrue(p.hasAll());
        assertEquals(1, s.picker.stats().seeds());
        assertEquals("111", s.availability());
    }

    @Test
    void filePrioritiesMapToPiecesByOverlap() {
        PieceGeometry g = new PieceGeometry(10 * 100, 100);
        // files: [0,250) prio 0, [250,250) empty prio 7, [250,600) prio 2, [600,1000) prio 0
        int[] prio = PiecePriorities.fromFiles(g, new long[] {250, 0, 350, 400}, new int[] {0, 7, 2, 0});
        assertArrayEquals(new int[] {0, 0, 2, 2, 2, 2, 0, 0, 0, 0}, prio);
        assertThrows(IllegalArgumentException.class,
                () -> PiecePriorities.fromFiles(g, new long[] {999}, new int[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> PiecePriorities.fromFiles(g, new long[] {1000}, new int[] {8}));
        PiecePicker picker = new PiecePicker(g, new java.util.SplittableRandom(1));
        picker.setPiecePriorities(prio);
        assertEquals(4, picker.stats().missing());
    }

    @Test
    void geometryIsChecked() {
        assertThrows(IllegalArgumentException.class, () -> new PieceGeometry(0, 16384));
        assertThrows(IllegalArgumentException.class, () -> new PieceGeometry(100, 0));
        assertThrows(IllegalArgumentException.class, () -> new PieceGeometry(100, PieceGeometry.MAX_PIECE_LENGTH + 1));
        assertThrows(IllegalArgumentException.class, () -> new PieceGeometry((long) PieceGeometry.MAX_PIECES * 16 + 1, 16));
        PieceGeometry g = new PieceGeometry(3L * 32768 + 20_000, 32768);
        assertEquals(BlockAddress.of(1, 1), g.blockAddress(1, 16384, 16384));
        assertEquals(BlockAddress.of(3, 1), g.blockAddress(3, 16384, 20_000 - 16384));
        assertEquals(-1, g.blockAddress(3, 16384, 16384), "the last block is short");
        assertEquals(-1, g.blockAddress(1, 100, 16384), "not on a block boundary");
        assertEquals(-1, g.blockAddress(1, 32768, 16384), "past the piece");
        assertEquals(-1, g.blockAddress(4, 0, 16384), "no such piece");
        assertEquals(-1, g.blockAddress(0, 0, 8192), "part of a block");
        PieceGeometry small = new PieceGeometry(10_000, 8192);
        assertEquals(2, small.pieceCount());
        assertEquals(1, small.blockCount(0));
        assertEquals(8192, small.blockLength(0, 0));
        assertEquals(1808, small.blockLength(1, 0));
    }

    @Test
    void blockAddressesPackAndUnpack() {
        long a = BlockAddress.of(PieceGeometry.MAX_PIECES - 1, 32767);
        assertEquals(PieceGeometry.MAX_PIECES - 1, BlockAddress.piece(a));
        assertEquals(32767, BlockAddress.block(a));
        long d = a | BlockAddress.DUPLICATE;
        assertTrue(BlockAddress.isDuplicate(d));
        assertEquals(BlockAddress.piece(a), BlockAddress.piece(d));
        assertEquals(a, BlockAddress.address(d));
    }
}
