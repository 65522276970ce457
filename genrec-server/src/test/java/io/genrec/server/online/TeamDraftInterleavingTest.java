package io.genrec.server.online;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import static io.genrec.server.online.TeamDraftInterleaving.TEAM_A;
import static io.genrec.server.online.TeamDraftInterleaving.TEAM_B;
import static org.junit.jupiter.api.Assertions.*;

class TeamDraftInterleavingTest {
    private static BooleanSupplier coins(Boolean... flips) {
        Deque<Boolean> q = new ArrayDeque<>(List.of(flips));
        return () -> {
            assertFalse(q.isEmpty(), "a coin was tossed more often than the hand-worked example expects");
            return q.removeFirst();
        };
    }

    @Test
    void handWorkedOverlappingLists() {
        // A = a b c d, B = b e a f.
        // Round 1, coin A first: A takes a; B takes b.  Round 2, coin B first: B takes e; A skips b (taken), takes c.
        // Round 3, coin A first: A takes d; B skips a (taken), takes f.
        var r = TeamDraftInterleaving.interleave(List.of("a", "b", "c", "d"), List.of("b", "e", "a", "f"), 6, coins(true, false, true));
        assertEquals(List.of("a", "b", "e", "c", "d", "f"), r.items());
        assertArrayEquals(new int[] {TEAM_A, TEAM_B, TEAM_B, TEAM_A, TEAM_A, TEAM_B}, r.teams());
    }

    @Test
    void handWorkedIdenticalListsAlternate() {
        // Identical lists: whoever picks, the slate equals the common ranking; only the credit alternates.
        var r = TeamDraftInterleaving.interleave(List.of("x", "y", "z"), List.of("x", "y", "z"), 3, coins(false, true));
        assertEquals(List.of("x", "y", "z"), r.items());
        assertArrayEquals(new int[] {TEAM_B, TEAM_A, TEAM_A}, r.teams());
    }

    @Test
    void oddLengthStopsMidRoundAndShortListIsFilledByTheOther() {
        var odd = TeamDraftInterleaving.interleave(List.of("a", "b"), List.of("c", "d"), 3, coins(true, false));
        assertEquals(List.of("a", "c", "d"), odd.items());
        assertArrayEquals(new int[] {TEAM_A, TEAM_B, TEAM_B}, odd.teams());
        // B has one item: after it A fills the slate, no coin needed once B is exhausted
        var shortB = TeamDraftInterleaving.interleave(List.of("a", "b", "c", "d"), List.of("z"), 4, coins(false));
        assertEquals(List.of("z", "a", "b", "c"), shortB.items());
        assertArrayEquals(new int[] {TEAM_B, TEAM_A, TEAM_A, TEAM_A}, shortB.teams());
        assertEquals(List.of(), TeamDraftInterleaving.interleave(List.of(), List.of(), 5, coins()).items());
    }

    @Test
    void sameSeedSameSlate() {
        List<String> a = List.of("1", "2", "3", "4", "5", "6"), b = List.of("6", "5", "4", "3", "2", "1");
        Random r1 = new Random(42), r2 = new Random(42);
        for (int rep = 0; rep < 20; rep++) {
            var x = TeamDraftInterleaving.interleave(a, b, 6, r1::nextBoolean);
            var y = TeamDraftInterleaving.interleave(a, b, 6, r2::nextBoolean);
            assertEquals(x.items(), y.items());
            assertArrayEquals(x.teams(), y.teams());
        }
    }

    /** The invariants of the paper's algorithm, on random lists drawn from a small universe so they overlap. */
    @Test
    void publishedInvariantsHoldOnRandomLists() {
        Random rnd = new Random(7);
        int coinA = 0, firstPicks = 0;
        for (int trial = 0; trial < 3000; trial++) {
            List<String> universe = new ArrayList<>();
            int u = 5 + rnd.nextInt(20);
            for (int i = 0; i < u; i++) universe.add("i" + i);
            Collections.shuffle(universe, rnd);
            List<String> a = new ArrayList<>(universe.subList(0, 2 + rnd.nextInt(u - 2)));
            Collections.shuffle(universe, rnd);
            List<String> b = new ArrayList<>(universe.subList(0, 2 + rnd.nextInt(u - 2)));
            int k = 1 + rnd.nextInt(12);
            var r = TeamDraftInterleaving.interleave(a, b, k, rnd::nextBoolean);
            List<String> items = r.items();

            assertEquals(items.size(), new HashSet<>(items).size(), "no duplicates: " + items);
            HashSet<String> union = new HashSet<>(a);
            union.addAll(b);
            assertEquals(Math.min(k, union.size()), items.size(), "the slate is full unless both lists run out");

            // each team's picks appear in its own list's order, and each is its best item not yet shown
            for (int team : new int[] {TEAM_A, TEAM_B}) {
                List<String> own = team == TEAM_A ? a : b;
                int last = -1;
                for (int p = 0; p < items.size(); p++) {
                    if (r.teams()[p] != team) continue;
                    int at = own.indexOf(items.get(p));
                    assertTrue(at > last, "team " + team + " picks in its list's order");
                    for (int j = 0; j < at; j++) assertTrue(items.subList(0, p).contains(own.get(j)), "team " + team + " skipped an unshown better item");
                    last = at;
                }
            }

            // while both lists still have unpicked items, the team counts differ by at most one
            int na = 0, nb = 0;
            HashSet<String> shown = new HashSet<>();
            for (int p = 0; p < items.size(); p++) {
                boolean aLeft = a.stream().anyMatch(x -> !shown.contains(x)), bLeft = b.stream().anyMatch(x -> !shown.contains(x));
                if (r.teams()[p] == TEAM_A) na++;
                else nb++;
                shown.add(items.get(p));
                if (aLeft && bLeft) assertTrue(Math.abs(na - nb) <= 1, "counts " + na + "/" + nb + " at position " + p);
            }

            // who picked first, to check the coin below
            if (!items.isEmpty()) {
                firstPicks++;
                if (r.teams()[0] == TEAM_A) coinA++;
            }
        }
        // the first pick is a fair coin: 4.5 sd around half
        assertEquals(firstPicks / 2.0, coinA, 4.5 * Math.sqrt(firstPicks) / 2, "team A picked first " + coinA + " of " + firstPicks);
    }
}
