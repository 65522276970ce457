package io.genrec.split;

import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import static io.genrec.split.SplitAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

class RandomHoldoutSplitterTest {
    @Test
    void handMadeCounts() {
        Dataset.Builder b = new Dataset.Builder("hand");
        for (int k = 0; k < 10; k++) b.add("ten", "i" + k, 1, k);
        for (int k = 0; k < 4; k++) b.add("four", "i" + k, 1, k);
        Dataset data = b.build();
        Split s = new RandomHoldoutSplitter().split(data, 42);
        int ten = data.userIds().indexOf("ten"), four = data.userIds().indexOf("four");
        assertEquals(2, s.test().targets().historyLength(ten), "round(0.2 * 10)");
        assertEquals(1, s.validation().targets().historyLength(ten), "round(0.1 * 8)");
        assertEquals(7, s.train().historyLength(ten));
        assertEquals(4, s.train().historyLength(four), "4 < 5 interactions: all in train");
        assertEquals("random-holdout(test=0.2,valid=0.1,min-interactions=5,seed=42)", s.description());
    }

    @Test
    void atLeastOneTargetAndOneTrainingInteraction() {
        Dataset.Builder b = new Dataset.Builder("small");
        for (int k = 0; k < 3; k++) b.add("three", "i" + k, 1, k);
        Split s = new RandomHoldoutSplitter(0.9, 0.5, 3).split(b.build(), 1);
        assertEquals(1, s.test().targets().historyLength(0));
        assertEquals(1, s.validation().targets().historyLength(0));
        assertEquals(1, s.train().historyLength(0));
    }

    @Test
    void zeroValidationGivesNoValidationPhase() {
        Dataset data = RandomDatasets.generate(5, RandomDatasets.Shape.SMALL);
        Split s = new RandomHoldoutSplitter(0.3, 0, 2).split(data, 3);
        assertNull(s.validation());
        assertCumulative(data, s);
    }

    @Test
    void everyInteractionIsEquallyLikelyToBeHeldOut() {
        Dataset.Builder b = new Dataset.Builder("uniform");
        for (int k = 0; k < 10; k++) b.add("u", "i" + k, 1, k);
        Dataset data = b.build();
        int runs = 2000;
        int[] tested = new int[10];
        for (int seed = 0; seed < runs; seed++)
            for (int i : new RandomHoldoutSplitter().split(data, seed).test().targets().itemsOf(0)) tested[i]++;
        // Each item is a test target with probability 0.2: expected 400 per item, standard deviation ~18.
        for (int i = 0; i < 10; i++) assertEquals(400, tested[i], 90, "item " + i + " tested " + tested[i] + " times of " + runs);
    }

    @Test
    void propertiesOnRandomData() {
        RandomDatasets.forEach("random-holdout", 200, RandomDatasets.Shape.SMALL, c -> {
            Dataset data = c.data();
            Split s = new RandomHoldoutSplitter().split(data, c.seed());
            assertCumulative(data, s);
            assertNoTargetInHistory(s.validation());
            assertNoTargetInHistory(s.test());
            for (int u = 0; u < data.numUsers(); u++) {
                int n = data.historyLength(u);
                int nTest = s.test().targets().historyLength(u), nValid = s.validation().targets().historyLength(u);
                if (n < 5) {
                    assertEquals(0, nTest + nValid, "user " + u + " with " + n + " interactions is not held out");
                    continue;
                }
                assertEquals(Math.max(1, Math.round(0.2 * n)), nTest, "user " + u + " with " + n + " interactions");
                assertEquals(Math.max(1, Math.round(0.1 * (n - nTest))), nValid, "user " + u + " with " + n + " interactions");
            }
        });
    }

    @Test
    void duplicatesArePartitionedToo() {
        RandomDatasets.forEach("random-holdout-duplicates", 50, RandomDatasets.Shape.WITH_DUPLICATES,
                c -> assertCumulative(c.data(), new RandomHoldoutSplitter().split(c.data(), c.seed())));
    }

    @Test
    void seedDecides() {
        Dataset data = RandomDatasets.generate(8, RandomDatasets.Shape.MANY_USERS);
        RandomHoldoutSplitter splitter = new RandomHoldoutSplitter();
        assertSameSplit(splitter.split(data, 1), splitter.split(data, 1));
        assertNotEquals(splitter.split(data, 1).test().targets().contentHash(), splitter.split(data, 2).test().targets().contentHash());
    }
}
