package io.genrec.split;

import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.genrec.split.SplitAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

class LeaveOneOutSplitterTest {
    @Test
    void handMadeUserSplitsByTimeNotInputOrder() {
        Dataset data = new Dataset.Builder("hand")
                .add("alice", "d", 1, 40).add("alice", "a", 1, 10).add("alice", "c", 1, 30).add("alice", "b", 1, 20)
                .add("bob", "a", 1, 5).add("bob", "b", 1, 6)
                .build();
        Split s = new LeaveOneOutSplitter().split(data, 7);
        int alice = data.userIds().indexOf("alice"), bob = data.userIds().indexOf("bob");
        assertEquals(List.of("a", "b"), externalItems(s.train(), alice));
        assertEquals(List.of("c"), externalItems(s.validation().targets(), alice));
        assertEquals(List.of("d"), externalItems(s.test().targets(), alice));
        assertEquals(List.of("a", "b", "c"), externalItems(s.test().history(), alice));
        assertEquals(List.of("a", "b"), externalItems(s.train(), bob), "a user with 2 < 3 interactions stays in train");
        assertArrayEquals(new int[] {alice}, s.test().evaluatedUsers());
        assertEquals("leave-one-out(min-interactions=3,validation=true,seed=7)", s.description());
    }

    @Test
    void equalTimestampsFollowInputOrder() {
        Dataset data = new Dataset.Builder("ties").add("u", "x", 1, 5).add("u", "y", 1, 5).add("u", "z", 1, 5).build();
        Split s = new LeaveOneOutSplitter().split(data, 0);
        assertEquals(List.of("z"), externalItems(s.test().targets(), 0));
        assertEquals(List.of("y"), externalItems(s.validation().targets(), 0));
    }

    @Test
    void withoutValidationOnlyTheLastIsHeldOut() {
        Dataset data = new Dataset.Builder("two").add("u", "x", 1, 1).add("u", "y", 1, 2).build();
        Split s = new LeaveOneOutSplitter(2, false).split(data, 0);
        assertNull(s.validation());
        assertEquals(List.of("x"), externalItems(s.train(), 0));
        assertEquals(List.of("y"), externalItems(s.test().targets(), 0));
    }

    @Test
    void minimumIsConfigurableButNotBelowWhatTheProtocolNeeds() {
        Dataset data = RandomDatasets.generate(3, RandomDatasets.Shape.SMALL);
        Split s = new LeaveOneOutSplitter(10, true).split(data, 0);
        for (int u : s.test().evaluatedUsers()) assertTrue(data.historyLength(u) >= 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeaveOneOutSplitter(2, true));
        assertTrue(e.getMessage().contains("min-interactions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LeaveOneOutSplitter(1, false));
    }

    @Test
    void propertiesOnRandomData() {
        RandomDatasets.forEach("leave-one-out", 200, RandomDatasets.Shape.SMALL, c -> {
            Dataset data = c.data();
            Split s = new LeaveOneOutSplitter().split(data, c.seed());
            assertCumulative(data, s);
            assertNoTargetInHistory(s.validation());
            assertNoTargetInHistory(s.test());
            for (int u = 0; u < data.numUsers(); u++) {
                int n = data.historyLength(u);
                if (n < 3) {
                    assertEquals(n, s.train().historyLength(u), "user " + u + " with " + n + " interactions keeps all in train");
                    continue;
                }
                long[] times = data.timesOf(u);
                int[] items = data.itemsOf(u);
                assertEquals(1, s.test().targets().historyLength(u));
                assertEquals(1, s.validation().targets().historyLength(u));
                assertEquals(items[n - 1], s.test().targets().itemsOf(u)[0], "test target is the latest interaction");
                assertEquals(items[n - 2], s.validation().targets().itemsOf(u)[0], "validation target is the second latest");
                for (long t : s.train().timesOf(u)) assertTrue(t <= s.validation().targets().timesOf(u)[0]);
                // checks the split's output against the input's latest time (not the input against itself)
                assertEquals(maxTime(times), s.test().targets().timesOf(u)[0], "the test target has the user's latest time");
                assertTrue(s.validation().targets().timesOf(u)[0] <= s.test().targets().timesOf(u)[0],
                        "validation target comes no later than the test target");
            }
        });
    }

    @Test
    void sameSeedSameSplit() {
        Dataset data = RandomDatasets.generate(11, RandomDatasets.Shape.SMALL);
        assertSameSplit(new LeaveOneOutSplitter().split(data, 5), new LeaveOneOutSplitter().split(data, 5));
    }

    private static long maxTime(long[] times) {
        long m = Long.MIN_VALUE;
        for (long t : times) m = Math.max(m, t);
        return m;
    }
}
