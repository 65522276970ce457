package io.genrec.llm.index;

import io.genrec.model.TopK;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What every {@link VectorIndex} must do, checked against a brute-force oracle computed here (plain loops, not the
 * code under test): recall@10 at least 0.9, exact cosine scores, replaced and deleted ids honoured, filters honoured,
 * identical results after save and load.
 */
public interface VectorIndexContract {
    int DIM = 32, N = 2000, QUERIES = 50, K = 10;

    VectorIndex newIndex(int dimension);

    /** Gaussian vectors (not normalised: the index must normalise). */
    static float[][] randomVectors(int n, int dim, long seed) {
        Random r = new Random(seed);
        float[][] v = new float[n][dim];
        for (float[] row : v) for (int d = 0; d < dim; d++) row[d] = (float) r.nextGaussian();
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) { dot += (double) a[i] * b[i]; na += (double) a[i] * a[i]; nb += (double) b[i] * b[i]; }
        return dot / Math.sqrt(na * nb);
    }

    /** The ids of the true top k among {@code live} ids passing {@code filter}, by a full sort. */
    static int[] oracle(float[][] data, boolean[] live, float[] q, int k, IntPredicate filter) {
        int n = 0;
        Integer[] order = new Integer[data.length];
        for (int i = 0; i < data.length; i++) if (live[i] && (filter == null || filter.test(i))) order[n++] = i;
        Integer[] cand = java.util.Arrays.copyOf(order, n);
        double[] score = new double[data.length];
        for (int i : cand) score[i] = cosine(data[i], q);
        java.util.Arrays.sort(cand, (a, b) -> Double.compare(score[b], score[a]));
        int[] out = new int[Math.min(k, n)];
        for (int i = 0; i < out.length; i++) out[i] = cand[i];
        return out;
    }

    static int overlap(int[] a, int[] b) {
        int c = 0;
        for (int x : a) for (int y : b) if (x == y) { c++; break; }
        return c;
    }

    private VectorIndex filled(float[][] data) {
        VectorIndex index = newIndex(DIM);
        int[] ids = new int[data.length];
        for (int i = 0; i < ids.length; i++) ids[i] = i;
        index.addAll(ids, data);
        return index;
    }

    /** Mean recall@K of the index against the oracle, also checking every returned score and the order. */
    private static double recall(VectorIndex index, float[][] data, boolean[] live, float[][] queries, IntPredicate filter) {
        long found = 0, wanted = 0;
        for (float[] q : queries) {
            TopK top = index.search(q, K, filter);
            int[] truth = oracle(data, live, q, K, filter);
            assertEquals(truth.length, top.size(), "the index must return k results when k items pass");
            for (int i = 0; i < top.size(); i++) {
                int id = top.items()[i];
                assertTrue(live[id], "deleted id " + id + " returned");
                assertTrue(filter == null || filter.test(id), "id " + id + " does not pass the filter");
                assertEquals(cosine(data[id], q), top.scores()[i], 1e-4, "score of id " + id + " must be its cosine");
                if (i > 0) assertTrue(top.scores()[i - 1] >= top.scores()[i], "results must be best first");
            }
            found += overlap(top.items(), truth);
            wanted += truth.length;
        }
        return (double) found / wanted;
    }

    private static boolean[] allLive(int n) {
        boolean[] live = new boolean[n];
        java.util.Arrays.fill(live, true);
        return live;
    }

    @Test
    default void recallAgainstExactOracle() throws Exception {
        float[][] data = randomVectors(N, DIM, 1);
        float[][] queries = randomVectors(QUERIES, DIM, 2);
        try (VectorIndex index = filled(data)) {
            assertEquals(N, index.size());
            double r = recall(index, data, allLive(N), queries, null);
            assertTrue(r >= 0.9, "recall@10 " + r + " < 0.9");
        }
    }

    @Test
    default void deletesAndReplacementsAreHonoured() throws Exception {
        float[][] data = randomVectors(N, DIM, 3);
        boolean[] live = allLive(N);
        try (VectorIndex index = filled(data)) {
            for (int i = 0; i < N; i += 3) { assertTrue(index.delete(i), "id " + i + " was present"); live[i] = false; }
            assertFalse(index.delete(0), "deleting twice reports absence");
            assertFalse(index.delete(N + 5), "unknown id reports absence");
            assertEquals(N - (N + 2) / 3, index.size());
            float[][] moved = randomVectors(1, DIM, 4);
            index.add(1, moved[0]);
            data[1] = moved[0];
            assertEquals(N - (N + 2) / 3, index.size(), "re-adding an id replaces it");
            TopK top = index.search(moved[0], 1, null);
            assertEquals(1, top.items()[0], "the replaced vector must be found");
            assertEquals(1.0, top.scores()[0], 1e-4);
            double r = recall(index, data, live, randomVectors(QUERIES, DIM, 5), null);
            assertTrue(r >= 0.9, "recall@10 after deletes " + r + " < 0.9");
        }
    }

    @Test
    default void filtersAreHonoured() throws Exception {
        float[][] data = randomVectors(N, DIM, 6);
        try (VectorIndex index = filled(data)) {
            double r = recall(index, data, allLive(N), randomVectors(QUERIES, DIM, 7), id -> id % 2 == 0);
            assertTrue(r >= 0.9, "filtered recall@10 " + r + " < 0.9");
            IntPredicate rare = id -> id % 401 == 0; // 5 ids pass: fewer than k
            TopK top = index.search(randomVectors(1, DIM, 8)[0], K, rare);
            assertArrayEquals(new int[] {0, 401, 802, 1203, 1604}, java.util.Arrays.stream(top.items()).sorted().toArray(),
                    "a selective filter must return exactly the accepted ids");
            assertEquals(0, index.search(data[0], K, id -> false).size());
        }
    }

    @Test
    default void saveAndLoadGiveTheSameResults(@TempDir Path dir) throws Exception {
        float[][] data = randomVectors(500, DIM, 9);
        float[][] queries = randomVectors(10, DIM, 10);
        try (VectorIndex index = newIndex(DIM)) {
            for (int i = 0; i < data.length; i++) index.add(3 * i, data[i]); // sparse ids
            index.delete(3);
            index.save(dir.resolve("idx"));
            index.save(dir.resolve("idx")); // overwriting is allowed
            try (VectorIndex back = VectorIndex.load(dir.resolve("idx"))) {
                assertEquals(index.getClass(), back.getClass());
                assertEquals(index.size(), back.size());
                assertEquals(DIM, back.dimension());
                for (float[] q : queries) {
                    TopK a = index.search(q, K), b = back.search(q, K);
                    assertArrayEquals(a.items(), b.items());
                    assertArrayEquals(a.scores(), b.scores(), 1e-6f);
                }
                back.add(1, data[0]);
                assertEquals(index.size() + 1, back.size(), "a loaded index accepts updates");
            }
        }
    }

    @Test
    default void badInputIsRejected() throws Exception {
        try (VectorIndex index = newIndex(4)) {
            assertThrows(IllegalArgumentException.class, () -> index.add(0, new float[3]), "wrong dimension");
            assertThrows(IllegalArgumentException.class, () -> index.add(0, new float[4]), "zero vector");
            assertThrows(IllegalArgumentException.class, () -> index.add(0, new float[] {1, Float.NaN, 0, 0}), "NaN");
            assertThrows(IllegalArgumentException.class, () -> index.add(-1, new float[] {1, 0, 0, 0}), "negative id");
            index.add(0, new float[] {1, 0, 0, 0});
            assertThrows(IllegalArgumentException.class, () -> index.search(new float[4], 1), "zero query");
            assertEquals(0, index.search(new float[] {0, 1, 0, 0}, 0).size());
        }
    }
}
