package io.genrec.models.training;

import ai.djl.ndarray.NDArray;
import io.genrec.data.Dataset;
import io.genrec.eval.QuickValidation;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.RecommenderContract.ContractData;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.split.EvalSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The shared loop on a minimal network: a linear item-to-item softmax model with multinomial likelihood. */
class NeuralTrainerTest {
    /** logits = x W + b over the multi-hot rows; loss = mean multinomial negative log-likelihood. */
    static final class LinearSoftmax implements TrainableNetwork {
        final CsrRows rows;
        LinearSoftmax(Dataset d) { rows = CsrRows.users(d); }

        @Override
        public ParameterSet initialParameters(Random rng) {
            ParameterSet p = new ParameterSet();
            DenseLayer.xavierNormal(p, "lin", rows.width(), rows.width(), 0.001, rng);
            return p;
        }

        @Override public int numRows() { return rows.numRows(); }

        @Override
        public NDArray loss(Batch b) {
            float[] x = rows.dense(b.rows(), true);
            NDArray in = b.create(x, b.size(), rows.width());
            NDArray logits = in.matMul(b.param("lin.w")).add(b.param("lin.b"));
            return logits.logSoftmax(1).mul(in).sum(new int[] {1}).mean().neg();
        }
    }

    static FittedRecommender scorer(ParameterSet w, int n) {
        DenseLayer l = DenseLayer.of(w, "lin");
        return new FittedRecommender() {
            public String name() { return "linear"; }
            public int numItems() { return n; }
            public void scoreAll(UserContext u, float[] out) { l.forwardSparse(u.history(), 1f, out); }
            public Provenance provenance() { return null; }
            public Set<Capability> capabilities() { return Set.of(); }
        };
    }

    @Test
    void lossDecreasesAndNothingNativeIsLeft() {
        Dataset d = ContractData.clustered(60, 40, 8, 7L);
        List<String> details = new ArrayList<>();
        TrainContext ctx = new TrainContext(d, null, 1, 1, (stage, done, total, detail) -> { if (stage.equals("train")) details.add(detail); });
        TrainingResult r = new NeuralTrainer(new TrainingConfig(15, 16, 1e-2, 0, 0, 1, 10, 0)).train(new LinearSoftmax(d), ctx, w -> scorer(w, 40));
        assertEquals(15, r.epochs().size());
        double first = r.epochs().getFirst().meanLoss(), last = r.epochs().getLast().meanLoss();
        assertTrue(last < first * 0.9, "loss should fall by >10%: first " + first + ", last " + last);
        assertEquals(0, r.nativeArraysLeft(), "per-batch managers must release every native array");
        for (EpochStats e : r.epochs()) assertEquals(0, e.nativeArrays(), "native arrays grew in epoch " + e.epoch());
        assertEquals(15 * 4, details.size(), "one progress report per batch (60 users / 16 = 4 batches)");
        assertTrue(details.getLast().contains("examples/s") && !details.getLast().contains("ETA"), "the listener computes the one ETA: " + details.getLast());
        assertTrue(Double.isNaN(r.keptValidation()), "no validation set, so no validation value");
    }

    @Test
    void keepsTheBestValidatedCheckpointAndStopsEarly() {
        EvalSet set = io.genrec.models.NeuralTestSupport.lastTwoHeldOut(ContractData.clustered(60, 40, 8, 7L));
        Dataset train = set.history();
        // A high learning rate over many epochs overfits, so validation peaks and patience must end training.
        TrainingConfig cfg = new TrainingConfig(200, 8, 5e-2, 0, 3, 1, 5, 0);
        TrainingResult r = new NeuralTrainer(cfg).train(new LinearSoftmax(train), new TrainContext(train, set, 3, 1, null), w -> scorer(w, 40));
        double best = r.epochs().stream().mapToDouble(EpochStats::validation).max().orElseThrow();
        assertEquals(best, r.keptValidation(), 1e-12, "the kept checkpoint must be the best validated one");
        assertEquals(best, QuickValidation.ndcg(scorer(r.weights(), 40), set, 5, 0), 1e-9, "kept weights must reproduce their validation score");
        assertTrue(r.epochs().size() < 200, "patience 3 should stop before 200 epochs, ran " + r.epochs().size());
        assertEquals(r.keptEpoch() + 3, r.epochs().size(), "stops exactly patience validations after the best");
    }

    /** The linear model trained in two phases: two passes on the weights, then one pass on the biases. */
    static final class TwoPhase implements TrainableNetwork {
        final LinearSoftmax inner;
        final List<String> batchPhases = new ArrayList<>();
        final List<String> gradientsSeen = new ArrayList<>();
        final List<ParameterSet> afterPhase = new ArrayList<>();
        ParameterSet initial;
        TwoPhase(Dataset d) { inner = new LinearSoftmax(d); }

        @Override public ParameterSet initialParameters(Random rng) { initial = inner.initialParameters(rng).copy(); return initial.copy(); }
        @Override public int numRows() { return inner.numRows(); }

        @Override
        public List<TrainingPhase> phases(ParameterSet params) {
            return List.of(new TrainingPhase("weights", 2, Set.of("lin.w")), new TrainingPhase("biases", 1, Set.of("lin.b")));
        }

        @Override public void afterPhase(TrainingPhase phase, ParameterSet params) { afterPhase.add(params.copy()); }

        @Override
        public NDArray loss(Batch b) {
            batchPhases.add(b.phase().name());
            NDArray loss = inner.loss(b);
            gradientsSeen.add((b.param("lin.w").hasGradient() ? "w" : "") + (b.param("lin.b").hasGradient() ? "b" : ""));
            return loss;
        }
    }

    @Test
    void inverseSqrtScheduleWarmsUpLinearlyThenDecays() {
        TrainingConfig c = new TrainingConfig(1, 16, 0.01, 0, 0, 1, 10, 0, "inverse_sqrt", 4);
        assertEquals(0.0025, c.learningRateAt(1), 1e-15); // 0.01 * 1/4
        assertEquals(0.005, c.learningRateAt(2), 1e-15);  // 0.01 * 2/4
        assertEquals(0.01, c.learningRateAt(4), 1e-15);   // 0.01 * sqrt(4/4)
        assertEquals(0.005, c.learningRateAt(16), 1e-15); // 0.01 * sqrt(4/16)
        assertEquals(0.001, c.learningRateAt(400), 1e-15); // 0.01 * sqrt(4/400)
        TrainingConfig constant = new TrainingConfig(1, 16, 0.01, 0, 0, 1, 10, 0);
        assertEquals("constant", constant.lrSchedule());
        for (long step : new long[] {1, 4, 1000}) assertEquals(0.01, constant.learningRateAt(step));
        assertEquals(constant.withEpochs(3).lrSchedule(), "constant");
        assertEquals(4, c.withEpochs(3).warmupSteps());
    }

    @Test
    void theScheduleReachesTheUpdates() {
        Dataset d = ContractData.clustered(60, 40, 8, 7L);
        float[] start = new LinearSoftmax(d).initialParameters(new java.util.Random(1)).get("lin.w").clone();
        // a warm-up far longer than the fit keeps every step size near 0: the weights barely move
        TrainingResult slow = new NeuralTrainer(new TrainingConfig(3, 16, 1e-2, 0, 0, 1, 10, 0, "inverse_sqrt", 1_000_000))
                .train(new LinearSoftmax(d), TrainContext.of(d, 1), w -> scorer(w, 40));
        TrainingResult constant = new NeuralTrainer(new TrainingConfig(3, 16, 1e-2, 0, 0, 1, 10, 0))
                .train(new LinearSoftmax(d), TrainContext.of(d, 1), w -> scorer(w, 40));
        double movedSlow = 0, movedConstant = 0;
        float[] ws = slow.weights().get("lin.w"), wc = constant.weights().get("lin.w");
        for (int i = 0; i < start.length; i++) {
            movedSlow = Math.max(movedSlow, Math.abs(ws[i] - start[i]));
            movedConstant = Math.max(movedConstant, Math.abs(wc[i] - start[i]));
        }
        assertTrue(movedConstant > 1e-2, "constant lr 0.01 for 12 updates moves weights: " + movedConstant);
        assertTrue(movedSlow < 1e-4, "warm-up of 1e6 steps keeps updates near 0: " + movedSlow);
    }

    @Test
    void phasesUpdateOnlyTheirParametersInOrder() {
        Dataset d = ContractData.clustered(32, 40, 8, 7L);
        TwoPhase net = new TwoPhase(d);
        TrainingResult r = new NeuralTrainer(new TrainingConfig(2, 16, 1e-2, 0, 0, 1, 10, 0)).train(net, TrainContext.of(d, 1), w -> scorer(w, 40));
        List<String> oneEpoch = List.of("weights", "weights", "weights", "weights", "biases", "biases");
        List<String> expected = new ArrayList<>(oneEpoch);
        expected.addAll(oneEpoch);
        assertEquals(expected, net.batchPhases, "2 batches per pass: two weight passes, then one bias pass, per epoch");
        for (int i = 0; i < expected.size(); i++)
            assertEquals(expected.get(i).equals("weights") ? "w" : "b", net.gradientsSeen.get(i), "only the phase's parameters carry gradients");
        assertEquals(4, net.afterPhase.size(), "the hook runs after every phase");
        ParameterSet afterWeights = net.afterPhase.get(0), afterBiases = net.afterPhase.get(1);
        assertArrayEquals(net.initial.get("lin.b"), afterWeights.get("lin.b"), "the weight phase must not move the biases");
        assertFalse(Arrays.equals(net.initial.get("lin.w"), afterWeights.get("lin.w")), "the weight phase must move the weights");
        assertArrayEquals(afterWeights.get("lin.w"), afterBiases.get("lin.w"), "the bias phase must not move the weights");
        assertFalse(Arrays.equals(afterWeights.get("lin.b"), afterBiases.get("lin.b")), "the bias phase must move the biases");
        assertEquals(3 * 32, r.epochs().getFirst().examplesPerSecond() * r.epochs().getFirst().seconds(), 1e-6,
                "examples per epoch count every pass");
    }

    @Test
    void adamMatchesHandComputedFirstSteps() {
        // Adam on f(w) = w^2/2 (gradient w), w0 = 1, lr 0.1: the first step moves by lr (m_hat/sqrt(v_hat) = 1).
        ParameterSet p = new ParameterSet().add("w", new float[] {1f}, 1);
        AdamOptimizer adam = new AdamOptimizer(0.1, 0);
        adam.step(p, java.util.Map.of("w", new float[] {1f}));
        assertEquals(0.9f, p.get("w")[0], 1e-6f);
        // Second step, gradient 0.9, worked by hand (β1 = 0.9, β2 = 0.999):
        // m = 0.9·0.1 + 0.1·0.9 = 0.18, m̂ = 0.18 / 0.19 = 0.947368; v = 0.999·0.001 + 0.001·0.81 = 0.001809,
        // v̂ = 0.001809 / 0.001999 = 0.904952, √v̂ = 0.951290; w = 0.9 - 0.1 · 0.947368 / 0.951290 = 0.800412.
        adam.step(p, java.util.Map.of("w", new float[] {0.9f}));
        assertEquals(0.800412, p.get("w")[0], 1e-6);
    }

    @Test
    void denseRowsAndNormalisation() {
        Dataset d = ContractData.clustered(4, 10, 3, 1L);
        CsrRows rows = CsrRows.users(d);
        float[] x = rows.dense(new int[] {2, 0}, true);
        for (int item : d.itemsOf(2)) assertEquals(1f, x[item]);
        for (int item : d.itemsOf(0)) assertEquals(1f, x[10 + item]);
        assertEquals(6f, sum(x), 1e-6f);
        assertEquals(10, rows.width(), "one column per item");
        assertEquals(20, x.length, "two requested rows of width 10");
        CsrRows.l2NormalizeRows(x, 10);
        // every user has 3 distinct items, so each normalised row holds three entries of 1/√3 = 0.57735
        for (int item : d.itemsOf(2)) assertEquals(0.57735f, x[item], 1e-5f);
        assertEquals(1.0, Math.sqrt(dot(x, 0)), 1e-6);
        assertEquals(1.0, Math.sqrt(dot(x, 1)), 1e-6);
    }

    private static float sum(float[] a) { float s = 0; for (float v : a) s += v; return s; }
    private static double dot(float[] a, int row) { double s = 0; for (int j = 0; j < 10; j++) s += a[row * 10 + j] * a[row * 10 + j]; return s; }

    @Test
    void parameterSetRejectsWrongShapesAndCopiesDeeply() {
        assertThrows(IllegalArgumentException.class, () -> new ParameterSet().add("w", new float[5], 2, 3));
        ParameterSet p = new ParameterSet().add("w", new float[] {1, 2}, 2);
        ParameterSet c = p.copy();
        p.get("w")[0] = 9;
        assertEquals(1f, c.get("w")[0]);
        assertEquals(List.of("w"), c.names());
        assertArrayEquals(new int[] {2}, c.shape("w"));
        assertTrue(Arrays.equals(new float[] {1, 2}, c.get("w")));
    }
}
