package io.genrec.split;

import io.genrec.data.Dataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.genrec.data.io.DataSpecs;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static io.genrec.split.SplitAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every protocol on real data: MovieLens latest-small (100,836 ratings with real timestamps and ties), the copy
 * bundled on the class path, so the test never skips.
 */
class MovieLensSmallSplitTest {
    private static Dataset data;

    @BeforeAll
    static void load() throws IOException {
        Dataset.Builder b = new Dataset.Builder("ml-latest-small", 110_000);
        String resource = "/" + DataSpecs.BUNDLED_ML_LATEST_SMALL + "/ratings.csv";
        InputStream in = MovieLensSmallSplitTest.class.getResourceAsStream(resource);
        assertNotNull(in, "bundled " + resource + " missing from the class path");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                b.add(f[0], f[1], Float.parseFloat(f[2]), Long.parseLong(f[3]));
            }
        }
        data = b.build();
        assertEquals(100_836, data.numInteractions());
    }

    @Test
    void leaveOneOut() {
        Split s = new LeaveOneOutSplitter().split(data, 42);
        assertCumulative(data, s);
        assertNoTargetInHistory(s.test());
        assertEquals(610, s.test().evaluatedUsers().length, "every user has at least 20 ratings");
        for (int u : s.test().evaluatedUsers())
            assertEquals(Arrays.stream(data.timesOf(u)).max().orElseThrow(), s.test().targets().timesOf(u)[0]);
    }

    @Test
    void temporal() {
        Split s = new TemporalSplitter().split(data, 42);
        assertCumulative(data, s);
        long maxTrain = Arrays.stream(s.train().timestamps()).max().orElseThrow();
        long minValid = Arrays.stream(s.validation().targets().timestamps()).min().orElseThrow();
        long maxValid = Arrays.stream(s.validation().targets().timestamps()).max().orElseThrow();
        long minTest = Arrays.stream(s.test().targets().timestamps()).min().orElseThrow();
        assertTrue(maxTrain < minValid && maxValid < minTest);
        assertTrue(s.train().numInteractions() <= 80_668 && s.train().numInteractions() > 79_000,
                "about 80% train: " + s.train().numInteractions());
    }

    @Test
    void randomHoldout() {
        Split s = new RandomHoldoutSplitter().split(data, 42);
        assertCumulative(data, s);
        assertNoTargetInHistory(s.validation());
        assertNoTargetInHistory(s.test());
        double testShare = s.test().targets().numInteractions() / (double) data.numInteractions();
        assertEquals(0.2, testShare, 0.005);
    }

    @Test
    void strongGeneralization() {
        Split s = new StrongGeneralizationSplitter().split(data, 42);
        assertSameIds(data, s);
        assertEquals(610 - 2 * 61, activeUsers(s.train()).size());
        boolean[] inTrain = new boolean[data.numItems()];
        for (int i : s.train().itemIndices()) inTrain[i] = true;
        for (EvalSet set : List.of(s.validation(), s.test())) {
            assertNoTargetInHistory(set);
            for (int i : set.targets().itemIndices()) assertTrue(inTrain[i]);
            for (int i : set.history().itemIndices()) assertTrue(inTrain[i]);
            double share = set.targets().numInteractions() / (double) (set.targets().numInteractions() + set.history().numInteractions());
            assertEquals(0.2, share, 0.01, set.name() + " target share");
        }
    }
}
