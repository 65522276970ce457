package io.genrec.llm.index;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ExactVectorIndexTest implements VectorIndexContract {
    @Override
    public VectorIndex newIndex(int dimension) { return new ExactVectorIndex(dimension); }

    @Test
    void scoresAreHandComputedCosines() {
        ExactVectorIndex index = new ExactVectorIndex(2);
        index.add(7, new float[] {3, 4});   // (0.6, 0.8)
        index.add(2, new float[] {0, -2});  // (0, -1)
        index.add(5, new float[] {1, 0});
        var top = index.search(new float[] {1, 0}, 3);
        assertArrayEquals(new int[] {5, 7, 2}, top.items());
        assertArrayEquals(new float[] {1f, 0.6f, 0f}, top.scores(), 1e-6f);
        assertArrayEquals(new float[] {0.6f, 0.8f}, index.vector(7), 1e-6f);
        assertNull(index.vector(3));
    }
}
