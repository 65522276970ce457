package io.genrec.split;

import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class GivenSplitTest {
    private final Dataset data = RandomDatasets.generate(21, RandomDatasets.Shape.MANY_USERS);
    private final Split fixed = new LeaveOneOutSplitter().split(data, 0);
    private final GivenSplit given = new GivenSplit(fixed);

    @Test
    void returnsTheWrappedSplitForItsOwnData() {
        assertSame(fixed, given.split(fixed.train(), 1));
        assertSame(fixed, given.split(fixed.train().withName("copy"), 2), "same ids and content");
        assertSame(fixed, given.split(data, 3), "all parts together are the data it was made from");
        assertEquals("given", given.name());
    }

    @Test
    void refusesOtherData() {
        Dataset other = RandomDatasets.generate(22, RandomDatasets.Shape.MANY_USERS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> given.split(other, 0));
        assertTrue(e.getMessage().contains("given") && e.getMessage().contains(other.name())
                && e.getMessage().contains("leave-one-out"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> given.split(fixed.test().targets(), 0), "a part of it is not the data");
    }

    @Test
    void allPartsWithoutValidation() {
        Split noValid = new LeaveOneOutSplitter(2, false).split(data, 0);
        SplitAssertions.assertSameRows(SplitAssertions.interactions(data), SplitAssertions.interactions(new GivenSplit(noValid).source()),
                "all parts");
    }

    @Test
    void recognisesItsDataWhateverTheOrderOfEqualTimes() {
        RandomDatasets.forEach("given-random-holdout", 30, RandomDatasets.Shape.SMALL, c -> {
            GivenSplit g = new GivenSplit(new RandomHoldoutSplitter().split(c.data(), c.seed()));
            assertSame(g.split(), g.split(c.data(), 0));
        });
    }

    @Test
    void explicitSourceForFoldInSplits() {
        Split foldIn = new StrongGeneralizationSplitter().split(data, 1);
        GivenSplit withSource = new GivenSplit(foldIn, data);
        assertSame(foldIn, withSource.split(data, 0));
        assertThrows(IllegalArgumentException.class, () -> new GivenSplit(foldIn).split(data, 0),
                "without the source, the fold-in parts (and dropped interactions) are missing from train + targets");
        Dataset other = RandomDatasets.generate(23, RandomDatasets.Shape.SMALL);
        assertThrows(IllegalArgumentException.class, () -> new GivenSplit(foldIn, other), "a source over other id maps");
    }

    @Test
    void refusesOtherInteractionsOverTheSameIds() {
        int n = data.numInteractions();
        int[] users = new int[n];
        for (int u = 0; u < data.numUsers(); u++)
            for (int k = data.userPointers()[u]; k < data.userPointers()[u + 1]; k++) users[k] = u;
        long[] times = data.timestamps().clone();
        times[n - 1] += 1;
        Dataset shifted = Dataset.fromColumns("shifted", data.userIds(), data.itemIds(), null, null, n, users,
                data.itemIndices().clone(), data.values().clone(), times);
        assertThrows(IllegalArgumentException.class, () -> given.split(shifted, 0), "one timestamp differs");
        boolean[] keep = new boolean[n];
        java.util.Arrays.fill(keep, true);
        keep[0] = false;
        assertThrows(IllegalArgumentException.class, () -> given.split(data.filter("fewer", keep), 0), "one interaction fewer");
    }
}
