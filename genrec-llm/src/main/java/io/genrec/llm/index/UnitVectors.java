package io.genrec.llm.index;

import io.genrec.util.VectorMath;

/** Input checks shared by the index implementations. */
final class UnitVectors {
    private UnitVectors() { }

    /** A unit-length copy of {@code v}; rejects a wrong dimension, non-finite values and the zero vector, naming {@code what}. */
    static float[] normalisedCopy(float[] v, int dimension, String what) {
        if (v.length != dimension)
            throw new IllegalArgumentException(what + " has " + v.length + " dimensions, index " + dimension);
        float[] copy = v.clone();
        for (int i = 0; i < copy.length; i++)
            if (!Float.isFinite(copy[i])) throw new IllegalArgumentException(what + " has a non-finite value at " + i);
        boolean zero = true;
        for (float x : copy) zero &= x == 0f;
        if (zero) throw new IllegalArgumentException(what + " is the zero vector (no direction to compare)");
        return VectorMath.normalize(copy);
    }
}
