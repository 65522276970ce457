package io.genrec.models.semanticid;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import io.genrec.models.training.HostDropout;
import io.genrec.models.training.TorchScalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Micro-measure (runs only with {@code -Dgenrec.probe.dropoutmask=REPS}): this thread's CPU time per element of ways
 * to apply a dropout mask (p 0.1) to a {@code [256, 81, 256]} float tensor (TIGER's encoder feed-forward hidden state
 * at batch 256 and a 20-item history), forward only, one PyTorch thread, with the process's minor page faults per call
 * and the kept fraction of the first call.
 */
class DropoutMaskProbe {
    /** The process's minor page faults so far (/proc/self/stat field 10). */
    static long minorFaults() {
        try {
            String st = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            return Long.parseLong(st.substring(st.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (java.io.IOException e) { return -1; }
    }

    @Test
    @EnabledIfSystemProperty(named = "genrec.probe.dropoutmask", matches = "\\d+")
    void probe() {
        int reps = Integer.getInteger("genrec.probe.dropoutmask");
        float p = 0.1f;
        Shape shape = new Shape(256, 81, 256);
        var bean = ManagementFactory.getThreadMXBean();
        Map<String, BiFunction<NDManager, NDArray, NDArray>> ways = new LinkedHashMap<>();
        ways.put("baseline: x * scalar (one elementwise op, new output)", (s, a) -> a.mul(TorchScalar.of(a, 2.0)));
        ways.put("baseline: x * x", (s, a) -> a.mul(a));
        ways.put("Dropout.dropout (PyTorch bernoulli_, serial double draws)", (s, a) -> Dropout.dropout(a, p, true).get(0));
        ways.put("HostDropout (SplittableRandom into a direct buffer, one copy), x * mask", (s, a) -> HostDropout.of(s, p, 7).apply(a));
        ways.put("HostDropout.mask only", (s, a) -> HostDropout.mask(s, a.getShape(), p, new java.util.SplittableRandom(7)));
        ways.put("uniform only (randomUniform)", (s, a) -> s.randomUniform(0f, 1f, a.getShape()));
        ways.put("uniform >= p, float mask scaled in place, x * mask", (s, a) ->
                a.mul(s.randomUniform(0f, 1f, a.getShape()).gte(p).toType(DataType.FLOAT32, false).muli(1 / (1 - p))));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(shape);
            for (var e : ways.entrySet()) {
                for (int i = 0; i < 2; i++) try (NDManager s = m.newSubManager()) { x.tempAttach(s); e.getValue().apply(s, x); }
                double kept = 0;
                long c0 = bean.getCurrentThreadCpuTime(), f0 = minorFaults();
                for (int i = 0; i < reps; i++) {
                    try (NDManager s = m.newSubManager()) {
                        x.tempAttach(s); // results of ops on x belong to s and are freed with it
                        NDArray y = e.getValue().apply(s, x);
                        if (i == 0) kept = y.eq(0f).logicalNot().toType(DataType.FLOAT32, false).mean().getFloat();
                    }
                }
                double ns = (bean.getCurrentThreadCpuTime() - c0) / (double) reps / shape.size();
                double faults = (minorFaults() - f0) / (double) reps;
                System.out.printf(Locale.ROOT, "MASKPROBE %-75s %.2f ns/element CPU, kept %.4f, %.0f minor faults per call%n", e.getKey(), ns, kept, faults);
            }
        }
    }
}
