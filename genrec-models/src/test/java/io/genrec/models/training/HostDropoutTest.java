package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostDropoutTest {
    @Test
    void masksKeepOneMinusPScaledAndAreFixedBySeed() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(101, 1001); // odd size: the last element comes from its own draw
            float[] a = HostDropout.mask(m, shape, 0.3, new SplittableRandom(5)).toFloatArray();
            float[] b = HostDropout.mask(m, shape, 0.3, new SplittableRandom(5)).toFloatArray();
            float[] c = HostDropout.mask(m, shape, 0.3, new SplittableRandom(6)).toFloatArray();
            assertArrayEquals(a, b);
            assertFalse(java.util.Arrays.equals(a, c));
            float scale = (float) (1 / 0.7);
            long dropped = 0;
            for (float v : a) {
                if (v == 0f) dropped++;
                else assertEquals(scale, v, 0f);
            }
            // 101,101 draws with p 0.3: standard deviation of the dropped fraction ~0.0014
            assertEquals(0.3, dropped / (double) a.length, 0.007);
            // the last element (odd count) is not stuck at one value across seeds
            boolean lastDropped = false, lastKept = false;
            for (int s = 0; s < 64; s++) {
                float last = HostDropout.mask(m, new Shape(3), 0.5, new SplittableRandom(s)).toFloatArray()[2];
                lastDropped |= last == 0f;
                lastKept |= last != 0f;
            }
            assertEquals(true, lastDropped && lastKept);
        }
    }

    @Test
    void appliesTheMaskAndPassesGradientsThroughIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(1f, 2001f).reshape(2, 1000);
            x.setRequiresGradient(true);
            NDArray y;
            try (ai.djl.training.GradientCollector g = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                y = HostDropout.of(m, 0.5, 11).apply(x);
                g.backward(y.sum());
            }
            float[] xs = x.toFloatArray(), ys = y.toFloatArray(), grad = x.getGradient().toFloatArray();
            int kept = 0;
            for (int i = 0; i < xs.length; i++) {
                if (ys[i] == 0f) assertEquals(0f, grad[i], 0f);
                else {
                    kept++;
                    assertEquals(2 * xs[i], ys[i], 1e-3f);
                    assertEquals(2f, grad[i], 0f);
                }
            }
            assertEquals(1000, kept, 100);
            assertSame(x, HostDropout.of(m, 0, 1).apply(x));
            assertThrows(IllegalArgumentException.class, () -> HostDropout.of(m, 1, 1));
        }
    }
}
