package io.genrec.split;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.genrec.split.SplitAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

class TemporalSplitterTest {
    /** Ten interactions at times 1..10 over two users: 8 before the first cut, then one each. */
    @Test
    void handMadeGlobalCut() {
        Dataset.Builder b = new Dataset.Builder("hand");
        for (int t = 1; t <= 10; t++) b.add(t % 2 == 0 ? "even" : "odd", "i" + t, 1, t);
        Dataset data = b.build();
        Split s = new TemporalSplitter().split(data, 42);
        assertEquals(8, s.train().numInteractions());
        int odd = data.userIds().indexOf("odd"), even = data.userIds().indexOf("even");
        assertEquals(List.of("i9"), externalItems(s.validation().targets(), odd));
        assertEquals(List.of("i10"), externalItems(s.test().targets(), even));
        assertEquals(List.of("i2", "i4", "i6", "i8"), externalItems(s.test().history(), even));
        assertArrayEquals(new int[] {odd}, s.validation().evaluatedUsers());
        assertArrayEquals(new int[] {even}, s.test().evaluatedUsers());
        assertEquals("temporal(train=0.8,valid=0.1,test=0.1,seed=42)", s.description());
    }

    @Test
    void equalTimestampsStayTogetherInTheLaterPart() {
        Dataset.Builder b = new Dataset.Builder("ties");
        long[] times = {1, 2, 3, 4, 5, 6, 7, 8, 8, 9};
        for (int k = 0; k < times.length; k++) b.add("u" + k, "i", 1, times[k]);
        Split s = new TemporalSplitter().split(b.build(), 0);
        assertEquals(7, s.train().numInteractions(), "the cut at time 8 sends both time-8 interactions to validation");
        assertEquals(2, s.validation().targets().numInteractions());
        assertEquals(1, s.test().targets().numInteractions());
    }

    @Test
    void noValidationWhenItsRatioIsZero() {
        Dataset.Builder b = new Dataset.Builder("novalid");
        for (int t = 0; t < 10; t++) b.add("u", "i" + t, 1, t);
        Split s = new TemporalSplitter(0, 0.3).split(b.build(), 0);
        assertNull(s.validation());
        assertEquals(7, s.train().numInteractions());
        assertEquals(3, s.test().targets().numInteractions());
    }

    @Test
    void rejectsDataWithoutUsableTimestamps() {
        Dataset.Builder b = new Dataset.Builder("untimed");
        for (int k = 0; k < 20; k++) b.add("u" + k, "i" + k, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TemporalSplitter().split(b.build(), 0));
        assertTrue(e.getMessage().contains("untimed") && e.getMessage().contains("timestamps"), e.getMessage());
    }

    @Test
    void rejectsBadRatios() {
        assertThrows(IllegalArgumentException.class, () -> new TemporalSplitter(0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new TemporalSplitter(0.1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Splitters.create("temporal", new Params(Map.of("valid", "-0.1"), "test")));
        assertTrue(e.getMessage().contains("'valid'"), e.getMessage());
    }

    @Test
    void propertiesOnRandomData() {
        RandomDatasets.forEach("temporal", 200, RandomDatasets.Shape.SMALL, c -> {
            Dataset data = c.data();
            int n = data.numInteractions();
            long[] sorted = data.timestamps().clone();
            Arrays.sort(sorted);
            if (n == 0 || sorted[0] == sorted[n * 8 / 10]) {
                assertThrows(IllegalArgumentException.class, () -> new TemporalSplitter().split(data, c.seed()));
                return;
            }
            Split s = new TemporalSplitter().split(data, c.seed());
            assertCumulative(data, s);
            long maxTrain = max(s.train().timestamps()), minValid = min(s.validation().targets().timestamps());
            long maxValid = max(s.validation().targets().timestamps()), minTest = min(s.test().targets().timestamps());
            assertTrue(maxTrain < minValid && maxTrain < minTest, "train must end before validation and test start");
            assertTrue(maxValid <= minTest, "validation must end before test starts");
            assertTrue(s.train().numInteractions() <= n * 8 / 10);
            assertTrue(s.train().numInteractions() + s.validation().targets().numInteractions() <= n * 9 / 10);
            if (Arrays.stream(sorted).distinct().count() == n) {
                assertEquals(n * 8 / 10, s.train().numInteractions(), "distinct times: exact ratio");
                assertEquals(n * 9 / 10 - n * 8 / 10, s.validation().targets().numInteractions());
            }
        });
    }

    private static long max(long[] a) { return Arrays.stream(a).max().orElse(Long.MIN_VALUE); }

    private static long min(long[] a) { return Arrays.stream(a).min().orElse(Long.MAX_VALUE); }
}
