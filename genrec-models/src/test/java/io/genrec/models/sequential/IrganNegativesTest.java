package io.genrec.models.sequential;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.UserContext;
import io.genrec.models.training.ParameterSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The negative samplers: uniform draws exactly as before samplers existed; IRGAN's generator, trained against a fixed
 * discriminator (a SASRec fitted on a planted order), draws negatives that the discriminator scores higher than
 * uniform ones, never an item of the row's sequence, and the same seed gives the same draws.
 */
class IrganNegativesTest {
    private static Dataset data;
    private static SequenceBatches batches;
    private static int[] rows, inputs, targets;
    /** The fixed discriminator's view of every real target position of every row. */
    private static NegativeSampler.DiscriminatorView view;
    /** Flat window position of each view entry. */
    private static int[] flatOf;

    @BeforeAll
    static void discriminator() {
        data = SequenceTestData.cyclic(80, 40, 4, 14, 3);
        SasRecConfig c = SasRecTest.small(NextItemLoss.SAMPLED_BCE);
        SasRecConfig noDropout = new SasRecConfig(c.hiddenSize(), c.blocks(), c.heads(), c.maxLen(), 0.0, c.loss(), c.training());
        var fitted = (SequentialFitted) new SasRec(noDropout).fit(SequenceTestData.ctx(data, 5));
        ParameterSet w = fitted.parameters();
        SasRecScorer scorer = new SasRecScorer(w, noDropout, data.numItems());
        batches = new SequenceBatches(data, noDropout.maxLen());
        rows = new int[batches.numRows()];
        for (int r = 0; r < rows.length; r++) rows[r] = r;
        int len = batches.maxLen(), pad = batches.padding();
        inputs = new int[rows.length * len];
        targets = new int[rows.length * len];
        batches.fill(rows, inputs, targets);
        int n = 0;
        for (int t : targets) if (t != pad) n++;
        int d = noDropout.hiddenSize();
        int[] contexts = new int[n], tg = new int[n];
        float[] hidden = new float[n * d];
        flatOf = new int[n];
        for (int k = 0, o = 0; k < targets.length; k++) {
            if (targets[k] == pad) continue;
            int rowStart = k - k % len, first = rowStart;
            while (inputs[first] == pad) first++;
            int[] prefix = Arrays.copyOfRange(inputs, first, k + 1); // the real items up to this position
            System.arraycopy(scorer.lastHidden(prefix), 0, hidden, o * d, d);
            contexts[o] = inputs[k];
            tg[o] = targets[k];
            flatOf[o++] = k;
        }
        view = new NegativeSampler.DiscriminatorView(contexts, tg, hidden, w.get("item_emb"), null, d, 1);
    }

    private static IrganNegatives trainedGenerator(long seed, int steps) {
        NegativeSamplingConfig cfg = new NegativeSamplingConfig("irgan", 16, 1.0, 0.2, 0.02, 0, 256);
        IrganNegatives g = new IrganNegatives(batches, cfg);
        g.initialise(new Random(seed));
        SplittableRandom rng = new SplittableRandom(seed);
        for (int s = 0; s < steps; s++) g.learn(view, rng);
        return g;
    }

    /** Mean discriminator logit of the negatives {@code neg} over the view's positions. */
    private static double meanLogit(int[] neg) {
        double sum = 0;
        for (int o = 0; o < view.size(); o++) sum += view.logit(o, neg[flatOf[o]]);
        return sum / view.size();
    }

    @Test
    void uniformSamplerDrawsExactlyAsSequenceBatches() {
        int[] a = new int[targets.length], b = new int[targets.length];
        new UniformNegatives(batches).sample(rows, inputs, targets, a, 1, new SplittableRandom(9));
        batches.sampleNegatives(rows, targets, b, new SplittableRandom(9));
        assertArrayEquals(b, a);
    }

    @Test
    void irganDrawsHarderNegativesThanUniform() {
        IrganNegatives g = trainedGenerator(1, 150);
        double uniform = 0, irgan = 0;
        int repeats = 5;
        SplittableRandom rng = new SplittableRandom(4);
        for (int r = 0; r < repeats; r++) {
            int[] u = new int[targets.length], i = new int[targets.length];
            batches.sampleNegatives(rows, targets, u, rng);
            g.sample(rows, inputs, targets, i, 2, rng);
            uniform += meanLogit(u) / repeats;
            irgan += meanLogit(i) / repeats;
        }
        IrganNegatives untrained = trainedGenerator(1, 0);
        int[] i0 = new int[targets.length];
        untrained.sample(rows, inputs, targets, i0, 2, new SplittableRandom(4));
        double before = meanLogit(i0);
        // Fixed discriminator: its mean logit over uniform negatives vs the generator's, before and after training.
        System.out.printf("fixed discriminator, mean logit of negatives: uniform %.3f, untrained generator %.3f, IRGAN generator %.3f%n", uniform, before, irgan);
        assertTrue(irgan > uniform + 1.0, "IRGAN negatives mean logit " + irgan + " vs uniform " + uniform + " (untrained generator " + before + ")");
        assertTrue(Math.abs(before - uniform) < 0.5, "an untrained generator is close to uniform: " + before + " vs " + uniform);
    }

    @Test
    void neverSamplesAnItemOfTheRowsSequence() {
        IrganNegatives g = trainedGenerator(2, 100);
        SplittableRandom rng = new SplittableRandom(3);
        int len = batches.maxLen(), pad = batches.padding();
        int drawn = 0;
        for (int rep = 0; rep < 20; rep++) {
            int[] out = new int[targets.length];
            g.sample(rows, inputs, targets, out, 10, rng);
            for (int k = 0; k < out.length; k++) {
                if (targets[k] == pad) { assertEquals(pad, out[k], "padding position " + k); continue; }
                int[] seen = data.itemsOf(rows[k / len]);
                assertTrue(out[k] >= 0 && out[k] < data.numItems(), "item " + out[k]);
                for (int s : seen) assertNotEquals(s, out[k], "row " + k / len + " drew its own item " + s);
                drawn++;
            }
        }
        assertTrue(drawn > 1000, "drew " + drawn);
    }

    @Test
    void aUserWhoSawEveryItemStillGetsANegative() {
        Dataset.Builder b = new Dataset.Builder("all");
        for (int i = 0; i < 5; i++) b.add("u", "i" + i, 1f, i);
        SequenceBatches s = new SequenceBatches(b.build(), 4);
        IrganNegatives g = new IrganNegatives(s, NegativeSamplingConfig.irgan());
        g.initialise(new Random(1));
        int[] in = new int[4], tg = new int[4], out = new int[4];
        s.fill(new int[] {0}, in, tg);
        g.sample(new int[] {0}, in, tg, out, 100, new SplittableRandom(1));
        for (int v : out) assertTrue(v >= 0 && v < 5, Arrays.toString(out));
    }

    @Test
    void sameSeedSameDrawsAndGenerator() {
        IrganNegatives a = trainedGenerator(7, 30), b = trainedGenerator(7, 30), c = trainedGenerator(8, 30);
        int[] oa = new int[targets.length], ob = new int[targets.length], oc = new int[targets.length];
        a.sample(rows, inputs, targets, oa, 9, new SplittableRandom(5));
        b.sample(rows, inputs, targets, ob, 9, new SplittableRandom(5));
        c.sample(rows, inputs, targets, oc, 9, new SplittableRandom(5));
        assertArrayEquals(oa, ob, "same seed, same negatives");
        assertFalse(Arrays.equals(oa, oc), "another seed gives other negatives");
        float[] pa = new float[data.numItems()], pb = new float[data.numItems()];
        a.generator().probabilities(3, pa);
        b.generator().probabilities(3, pb);
        assertArrayEquals(pa, pb);
    }

    @Test
    void warmupEpochsUseUniformNegatives() {
        IrganNegatives g = new IrganNegatives(batches, NegativeSamplingConfig.irgan()); // warmup 5 epochs
        g.initialise(new Random(1));
        int[] a = new int[targets.length], b = new int[targets.length];
        g.sample(rows, inputs, targets, a, 5, new SplittableRandom(2));
        batches.sampleNegatives(rows, targets, b, new SplittableRandom(2));
        assertArrayEquals(b, a);
    }

    @Test
    void configRejectsIrganWithoutSampledLossAndStrayGeneratorKeys() {
        var ce = assertThrows(IllegalArgumentException.class,
                () -> new SasRecProvider().create(new Params(Map.of("negatives", "irgan", "loss", "ce"), "test")));
        assertTrue(ce.getMessage().contains("negatives=irgan") && ce.getMessage().contains("loss=bce"), ce.getMessage());
        var stray = assertThrows(IllegalArgumentException.class,
                () -> new SasRecProvider().create(new Params(Map.of("irgan_temperature", "0.5"), "test")));
        assertTrue(stray.getMessage().contains("irgan_temperature"), stray.getMessage());
        var bad = assertThrows(IllegalArgumentException.class,
                () -> new SasRecProvider().create(new Params(Map.of("negatives", "hard"), "test")));
        assertTrue(bad.getMessage().contains("'hard'"), bad.getMessage());
        var r = (SasRec) new SasRecProvider().create(new Params(Map.of("negatives", "IRGAN", "irgan_temperature", "0.5"), "test"));
        assertTrue(r.config().negatives().isIrgan());
        assertEquals(0.5, r.config().negatives().temperature());
        assertEquals("irgan", ConfigBinder.toParams(r.config()).get("negatives"));
        assertEquals(NegativeSamplingConfig.uniform(), SasRecConfig.defaults().negatives());
    }

    @Test
    void explicitUniformFitEqualsDefaultFit() {
        SasRecConfig c = SasRecTest.small(NextItemLoss.SAMPLED_BCE);
        SasRecConfig shortRun = new SasRecConfig(c.hiddenSize(), c.blocks(), c.heads(), c.maxLen(), c.dropout(), c.loss(),
                c.training().withEpochs(3));
        var def = new SasRec(shortRun).fit(SequenceTestData.ctx(data, 3));
        var uni = new SasRec(shortRun.withNegatives(NegativeSamplingConfig.uniform().withKind("uniform"))).fit(SequenceTestData.ctx(data, 3));
        var irg = new SasRec(shortRun.withNegatives(new NegativeSamplingConfig("irgan", 8, 1.0, 0.2, 1e-3, 0, 64))).fit(SequenceTestData.ctx(data, 3));
        float[] a = new float[data.numItems()], b = new float[data.numItems()], i = new float[data.numItems()];
        def.scoreAll(UserContext.of(data, 0), a);
        uni.scoreAll(UserContext.of(data, 0), b);
        irg.scoreAll(UserContext.of(data, 0), i);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, i), "IRGAN negatives change training");
    }
}
