package io.genrec.models.sequential;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.genrec.data.Dataset;
import io.genrec.models.training.Batch;
import io.genrec.models.training.NativeMemoryChurn;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SASRec's batch gradient (with dropout) does not depend on when the garbage collector runs: the regression test of
 * the same-seed flake, whose cause was scalar operands freed between the forward and the backward pass (see
 * {@link io.genrec.models.training.TorchScalar}). Before the fix every parameter's gradient differed here.
 */
class SasRecGradientTest {
    @Test
    void gradientIsTheSameWithAGarbageCollectionBeforeBackward() {
        Dataset d = SequenceTestData.cyclic(80, 24, 4, 14, 3);
        SasRecConfig c = new SasRecConfig(16, 2, 2, 10, 0.2, "bce", new TrainingConfig(1, 32, 5e-3, 0, 0, 1, 10, 0), "random");
        SasRecNetwork net = new SasRecNetwork(new SequenceBatches(d, c.maxLen()), c);
        ParameterSet p = net.initialParameters(new Random(3));
        Map<String, float[]> quiet = gradients(net, p, false), collected = gradients(net, p, true);
        for (String name : p.names()) assertArrayEquals(quiet.get(name), collected.get(name), name);
    }

    private static Map<String, float[]> gradients(SasRecNetwork net, ParameterSet p, boolean collectMidStep) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager(); GradientCollector col = Engine.getInstance().newGradientCollector()) {
            Map<String, NDArray> live = new LinkedHashMap<>();
            for (String name : p.names()) {
                int[] s = p.shape(name);
                long[] shape = new long[s.length];
                for (int k = 0; k < s.length; k++) shape[k] = s[k];
                NDArray a = m.create(p.get(name), new Shape(shape));
                a.setRequiresGradient(true);
                live.put(name, a);
            }
            SplittableRandom rng = new SplittableRandom(5);
            NDArray loss = net.loss(new Batch(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, m, live, rng, 1, 0, io.genrec.models.training.TrainingPhase.all(p)));
            if (collectMidStep) NativeMemoryChurn.collectAndReuse();
            col.backward(loss);
            for (var e : live.entrySet()) out.put(e.getKey(), e.getValue().getGradient().toFloatArray());
        }
        return out;
    }
}
