package io.genrec.eval.groups;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.UserTable;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class UserGroupsTest {
    /** u0 {i0,i1,i2}, u1 {i0,i1}, u2 {i0,i3}; 6 items (i4, i5 unseen). u2 has no gender. */
    @SuppressWarnings("unchecked")
    static Dataset train() {
        int[][] rows = {{0, 1, 2}, {0, 1}, {0, 3}};
        int n = 7, o = 0;
        int[] u = new int[n], i = new int[n];
        float[] v = new float[n];
        long[] t = new long[n];
        for (int user = 0; user < rows.length; user++) for (int item : rows[user]) { u[o] = user; i[o] = item; v[o] = 1; t[o] = o; o++; }
        Map<String, String>[] attrs = new Map[] {Map.of("gender", "F", "age", "24"), Map.of("gender", "M", "age", "56"), Map.of("age", "7")};
        return Dataset.fromColumns("tiny", IdMap.of(List.of("u0", "u1", "u2")), IdMap.of(List.of("i0", "i1", "i2", "i3", "i4", "i5")),
                null, new UserTable(attrs), n, u, i, v, t);
    }

    @Test
    void attributeGroupsWithUnknown() {
        UserGroups.Grouping g = UserGroups.assign(train(), new int[] {0, 1, 2}, List.of("gender")).get(0);
        assertArrayEquals(new String[] {"F", "M", UserGroups.UNKNOWN}, g.labels());
        UserGroups.Grouping age = UserGroups.assign(train(), new int[] {0, 1, 2}, List.of("age")).get(0);
        assertArrayEquals(new String[] {"18-24", "56+", "<18"}, age.labels());
        assertEquals(List.of("<18", "18-24", "56+"), UserGroups.order(age.labels()));
    }

    @Test
    void ageBandsAreTheMovieLens1mBands() {
        // ML-1M stores band lower bounds (1, 18, 25, 35, 45, 50, 56); ML-100K exact ages.
        String[][] cases = {{"1", "<18"}, {"17", "<18"}, {"18", "18-24"}, {"24", "18-24"}, {"25", "25-34"}, {"35", "35-44"},
                {"45", "45-49"}, {"49", "45-49"}, {"50", "50-55"}, {"56", "56+"}, {"73", "56+"}, {"x", UserGroups.UNKNOWN}};
        for (String[] c : cases) assertEquals(c[1], UserGroups.ageBand(c[0]), c[0]);
    }

    @Test
    void missingAttributeNamesTheDataAndWhatItHas() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserGroups.assign(train(), new int[] {0, 1, 2}, List.of("religion")));
        assertTrue(e.getMessage().contains("'tiny'") && e.getMessage().contains("age, gender")
                && e.getMessage().contains("activity"), e.getMessage());
    }

    @Test
    void activityTercilesWithStatedCutPoints() {
        // Values 1..7: c1 = quantile at (7-1)/3 = position 2 → 3, c2 = position 4 → 5.
        UserGroups.Grouping g = UserGroups.terciles("activity", new double[] {4, 1, 7, 2, 6, 3, 5, Double.NaN},
                new String[] {"low", "mid", "high"}, "test");
        assertArrayEquals(new double[] {3, 5}, g.cutPoints(), 0);
        assertArrayEquals(new String[] {"mid", "low", "high", "low", "high", "low", "mid", UserGroups.UNKNOWN}, g.labels());
        assertArrayEquals(new double[] {3, 2, 2}, UserGroups.activity(train(), new int[] {0, 1, 2}), 0);
    }

    @Test
    void mainstreaminessIsTheMeanPopularityPercentile() {
        // Popularity i0 3, i1 2, i2 1, i3 1, i4 0, i5 0; percentile = share of the 6 items with fewer users:
        // i0 5/6, i1 4/6, i2 2/6, i3 2/6. u0 (5+4+2)/18, u1 (5+4)/12, u2 (5+2)/12.
        assertArrayEquals(new double[] {11 / 18.0, 9 / 12.0, 7 / 12.0}, UserGroups.mainstreaminess(train(), new int[] {0, 1, 2}), 1e-12);
    }

    @Test
    void groupReportMeansGapAndWelchP() {
        // F = {1,2,3} (mean 2), M = {4,5} (mean 4.5), one unknown user (left out of the gap).
        UserGroups.Grouping g = new UserGroups.Grouping("gender", new String[] {"F", "F", "F", "M", "M", UserGroups.UNKNOWN}, null, "test");
        GroupReport r = GroupReport.of("m", g, Map.of("ndcg@10", new double[] {1, 2, 3, 4, 5, 100}), 1);
        assertEquals(2, r.means().get("F").get("ndcg@10"), 1e-12);
        assertEquals(4.5, r.means().get("M").get("ndcg@10"), 1e-12);
        assertEquals(100, r.means().get(UserGroups.UNKNOWN).get("ndcg@10"), 1e-12);
        assertEquals(List.of("F", "M", UserGroups.UNKNOWN), List.copyOf(r.users().keySet()));
        assertEquals(2.5, r.gap().get("ndcg@10"), 1e-12);
        assertEquals(-2.5, r.difference().get("ndcg@10"), 1e-12);
        assertEquals(0.0494162569, r.pValue().get("ndcg@10"), 1e-8); // scipy ttest_ind(equal_var=False)
        double[] ci = r.ci().get("M").get("ndcg@10");
        assertTrue(ci[0] >= 4 && ci[1] <= 5 && ci[0] <= ci[1]);
        var json = r.toJson();
        assertEquals(3, json.get("F").get("users").asInt());
        assertEquals(2.5, json.get("gap").get("ndcg@10").asDouble(), 1e-12);
    }

    @Test
    void equalGroupsHaveZeroGap() {
        UserGroups.Grouping g = new UserGroups.Grouping("g", new String[] {"a", "a", "b", "b"}, null, "test");
        GroupReport r = GroupReport.of("m", g, Map.of("x", new double[] {0, 0, 0, 0}), 1);
        assertEquals(0, r.gap().get("x"));
        assertEquals(1, r.pValue().get("x"));
    }
}
