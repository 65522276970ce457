package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One mini-batch as the network sees it: the row ids, the per-batch {@link NDManager} that owns every array created
 * for it (closed by the trainer after the step, so native memory does not grow), the parameters uploaded into that
 * manager with gradients on, the seeded random source, and the position in training (for schedules such as KL
 * annealing). Only the parameters of the current {@link TrainingPhase} have gradients on; the others are constants.
 *
 * @param step  global optimizer step, counting from 0
 * @param phase the part of the epoch this batch trains ({@link TrainingPhase#all} unless the network declares phases)
 */
public record Batch(int[] rows, NDManager manager, Map<String, NDArray> params, SplittableRandom rng, int epoch,
                    long step, TrainingPhase phase) {
    public NDArray param(String name) { return param(params, name); }

    /** {@code params.get(name)}, failing with the known names when there is none. */
    public static NDArray param(Map<String, NDArray> params, String name) {
        NDArray p = params.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter '" + name + "'; known: " + params.keySet());
        return p;
    }

    public int size() { return rows.length; }

    /**
     * A {@code [d0, d1, ...]} array in this batch's manager from a row-major host array. The result is cloned into
     * PyTorch-owned memory: DJL's array wraps a Java direct buffer that lives only as long as the Java array object,
     * while autograd may keep the input until the backward pass. (The sporadic NaN gradients first blamed on uploaded
     * inputs came from scalar operands with exactly that lifetime problem; see {@link TorchScalar}.)
     */
    public NDArray create(float[] data, long... shape) {
        return OwnedArrays.floats(manager, data, shape);
    }

    /** An int64 array in this batch's manager (indices for {@code take}), owned by PyTorch. */
    public NDArray indices(long[] data) {
        return OwnedArrays.longs(manager, data, data.length);
    }

    /**
     * A sparse COO {@code [rows, cols]} matrix with entries {@code (row[k], col[k]) = values[k]} for {@code k < nnz},
     * in this batch's manager. {@code sparse.matMul(w)} costs nnz x w's width instead of rows x cols x width (the
     * multi-hot input layers), and its gradient for {@code w} touches only the rows named in {@code col}.
     */
    public NDArray sparse(int[] row, int[] col, float[] values, int nnz, long rows, long cols) {
        return sparse(manager, row, col, values, nnz, rows, cols);
    }

    /** {@link #sparse(int[], int[], float[], int, long, long)} owned by {@code manager}. */
    public static NDArray sparse(NDManager manager, int[] row, int[] col, float[] values, int nnz, long rows, long cols) {
        long[] ij = new long[2 * nnz];
        for (int k = 0; k < nnz; k++) { ij[k] = row[k]; ij[nnz + k] = col[k]; }
        PtNDArray index = (PtNDArray) OwnedArrays.longs(manager, ij, 2, nnz);
        PtNDArray v = (PtNDArray) OwnedArrays.floats(manager, nnz == values.length ? values : Arrays.copyOf(values, nnz), nnz);
        NDArray coo = JniUtils.createSparseCoo(index, v, new Shape(rows, cols));
        coo.attach(manager);
        return coo;
    }

    /**
     * The inference input of the multi-hot autoencoders: row {@code r} holds {@code 1/sqrt(|histories[r]|)} at each
     * of its (distinct) items, as a sparse {@code [histories.length, width]} matrix owned by {@code manager}.
     */
    public static NDArray normalisedRows(NDManager manager, int[][] histories, int width) {
        int nnz = 0;
        for (int[] items : histories) nnz += items.length;
        int[] row = new int[nnz], col = new int[nnz];
        float[] val = new float[nnz];
        int k = 0;
        for (int r = 0; r < histories.length; r++) {
            float v = (float) (1 / Math.sqrt(histories[r].length));
            for (int item : histories[r]) { row[k] = r; col[k] = item; val[k++] = v; }
        }
        return sparse(manager, row, col, val, nnz, histories.length, width);
    }

    /** Standard normal noise of {@code n} values from the batch's seeded source. */
    public float[] gaussian(int n) {
        float[] z = new float[n];
        for (int i = 0; i < n; i++) z[i] = (float) rng.nextGaussian();
        return z;
    }

    /** An inverted-dropout mask: 0 with probability {@code p}, else {@code 1/(1-p)}. */
    public float[] dropoutMask(int n, double p) {
        float[] m = new float[n];
        float keep = (float) (1 / (1 - p));
        for (int i = 0; i < n; i++) m[i] = rng.nextDouble() < p ? 0f : keep;
        return m;
    }
}
