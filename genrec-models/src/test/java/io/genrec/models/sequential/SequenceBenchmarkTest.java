package io.genrec.models.sequential;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SequenceBenchmarkTest {
    /** Scores items by a fixed array (-infinity = not ranked, as TIGER scores items it did not generate). */
    private static FittedRecommender fixed(float[] scores) {
        return new FittedRecommender() {
            @Override public String name() { return "fixed"; }
            @Override public int numItems() { return scores.length; }
            @Override public void scoreAll(UserContext user, float[] out) { System.arraycopy(scores, 0, out, 0, scores.length); }
            @Override public Provenance provenance() { return null; }
            @Override public Set<Capability> capabilities() { return Set.of(); }
        };
    }

    @Test
    void anUnrankedTargetIsAMissWhateverItsId() {
        Dataset.Builder b = new Dataset.Builder("one-user");
        for (int i = 0; i < 6; i++) b.item("i" + i);
        for (int k = 0; k < 4; k++) b.add("u", "i" + (5 - k), 1f, k); // history i5 i4 i3, target i2
        var split = SequenceBenchmark.LeaveOneOut.of(b.build());
        float[] s = new float[6];
        Arrays.fill(s, Float.NEGATIVE_INFINITY);
        s[0] = 1f; // only item 0 generated; target 2 ties with the unranked items and has a low id
        double[][] r = SequenceBenchmark.evaluate(fixed(s), split.test());
        assertArrayEquals(new double[] {0, 0, 0, 0}, r[0], "history excluded");
        assertArrayEquals(new double[] {0, 0, 0, 0}, r[1], "nothing excluded");
        s[2] = 0.5f; // generated second: rank 1
        r = SequenceBenchmark.evaluate(fixed(s), split.test());
        assertEquals(1.0, r[0][0]);
        assertEquals(1 / (Math.log(3) / Math.log(2)), r[0][1], 1e-12);
    }

    @Test
    void readsAnLcRecSpecWithItemTextInSequenceOrder(@TempDir Path dir) throws Exception {
        // the benchmark used to read any directory as MovieLens; an LC-Rec spec must keep its item text for TIGER
        Files.writeString(dir.resolve("Sci.inter.json"), "{\"u0\": [2, 0, 1, 3], \"u1\": [1, 2, 3]}");
        Files.writeString(dir.resolve("Sci.item.json"), "{\"0\": {\"title\": \"Relay kit\", \"brand\": \"Supco\"},"
                + " \"1\": {\"title\": \"Gloves\"}, \"2\": {\"title\": \"Staples\"}, \"3\": {\"title\": \"Pipette\"}}");
        Dataset d = SequenceBenchmark.load("lcrec:" + dir);
        assertEquals(2, d.numUsers());
        assertEquals(4, d.numItems());
        assertEquals("Relay kit", d.catalog().get(d.itemIds().indexOf("0")).title());
        int u0 = d.userIds().indexOf("u0");
        var split = SequenceBenchmark.LeaveOneOut.of(d);
        // u0: train 2 0, validation target 1, test target 3 (the file's order, not the item ids' order)
        assertArrayEquals(new int[] {d.itemIds().indexOf("2"), d.itemIds().indexOf("0")}, split.train().itemsOf(u0));
    }
}
