package io.genrec.models.slate;

import io.genrec.data.Dataset;
import io.genrec.model.RecommenderContract;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class TrainingSlatesTest {
    @Test
    void responsesMarkHistoryItemsAndContextIsTheRestOfTheHistory() {
        Dataset d = RecommenderContract.ContractData.clustered(30, 40, 8, 5L);
        int k = 6;
        TrainingSlates s = new TrainingSlates(d, k);
        assertEquals(30, s.numActiveUsers());
        SplittableRandom rng = new SplittableRandom(9);
        int allPositive = 0;
        for (int rep = 0; rep < 20; rep++) {
            for (int u = 0; u < d.numUsers(); u++) {
                int[] slate = new int[k];
                float[] r = new float[k], ctx = new float[d.numItems()];
                s.sample(u, rng, 0, slate, r, ctx);
                int[] hist = d.itemsOf(u);
                Arrays.sort(hist);
                assertEquals(k, Arrays.stream(slate).distinct().count(), "slate " + Arrays.toString(slate) + " repeats an item");
                int positives = 0;
                for (int p = 0; p < k; p++) {
                    boolean inHistory = Arrays.binarySearch(hist, slate[p]) >= 0;
                    assertEquals(inHistory ? 1f : 0f, r[p], "response must be 1 exactly for history items");
                    if (inHistory) { positives++; assertEquals(0f, ctx[slate[p]], "a slate positive must not be context"); }
                }
                if (positives == k) allPositive++;
                double sum = 0;
                for (int i = 0; i < ctx.length; i++) {
                    if (ctx[i] != 0) assertTrue(Arrays.binarySearch(hist, i) >= 0, "context item " + i + " not in history");
                    sum += ctx[i];
                }
                assertEquals(1.0, sum, 1e-5, "8 distinct items, at most 6 in the slate: context weights sum to 1");
            }
        }
        // m is uniform in 0..6, so all-positive slates occur about 1/7 of 600 draws.
        assertTrue(allPositive > 40 && allPositive < 140, "all-positive slates: " + allPositive);
    }
}
