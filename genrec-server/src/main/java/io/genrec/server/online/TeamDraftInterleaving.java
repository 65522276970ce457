package io.genrec.server.online;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Team-draft interleaving (Radlinski, Kurup and Joachims, "How does clickthrough data reflect retrieval quality?",
 * CIKM 2008). Two rankers are two team captains: in each round a coin decides who picks first, then each picks its
 * highest-ranked item not already picked. Each position remembers the team that contributed it, so a click credits
 * that team.
 *
 * <p>As in the paper a coin is tossed only when both teams have picked equally often (the start of a round); the team
 * behind picks otherwise. Unlike the paper's loop, which stops as soon as either list has no unpicked item left, the
 * other list then goes on filling the slate (a short list must not shorten what the user sees); from that point
 * the teams' counts may differ by more than one.
 */
public final class TeamDraftInterleaving {
    public static final int TEAM_A = 0, TEAM_B = 1;

    /** The interleaved slate and, per position, the team (TEAM_A or TEAM_B) that contributed it. */
    public record Result(List<String> items, int[] teams) {
        public int count(int team) {
            int c = 0;
            for (int t : teams) if (t == team) c++;
            return c;
        }
    }

    private TeamDraftInterleaving() { }

    /**
     * @param a    ranking of team A, best first (duplicates within a list are skipped)
     * @param b    ranking of team B
     * @param k    slate length (fewer when both lists together hold fewer distinct items)
     * @param coin true when A picks first in a round
     */
    public static Result interleave(List<String> a, List<String> b, int k, BooleanSupplier coin) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        List<String> out = new ArrayList<>(k);
        int[] teams = new int[k];
        Set<String> picked = new HashSet<>();
        int ia = 0, ib = 0, na = 0, nb = 0;
        while (out.size() < k) {
            while (ia < a.size() && picked.contains(a.get(ia))) ia++;
            while (ib < b.size() && picked.contains(b.get(ib))) ib++;
            boolean aHas = ia < a.size(), bHas = ib < b.size();
            if (!aHas && !bHas) break;
            boolean aPicks;
            if (!bHas) aPicks = true;
            else if (!aHas) aPicks = false;
            else if (na != nb) aPicks = na < nb;
            else aPicks = coin.getAsBoolean();
            String item = aPicks ? a.get(ia++) : b.get(ib++);
            picked.add(item);
            teams[out.size()] = aPicks ? TEAM_A : TEAM_B;
            out.add(item);
            if (aPicks) na++;
            else nb++;
        }
        return new Result(List.copyOf(out), java.util.Arrays.copyOf(teams, out.size()));
    }
}
