package io.genrec.models.semanticid;

import ai.djl.ndarray.NDManager;
import io.genrec.data.Dataset;
import io.genrec.models.training.Batch;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingPhase;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Train/inference agreement: with dropout 0, the teacher-forced loss of a batch of training rows (mean negative
 * log-probability per target token, rows of different history lengths, so left padding and the window cut are in
 * play) must equal what the constrained beam search scores for the same targets from the same histories
 * ({@link Tiger.Fitted#generate} with a beam as wide as the catalogue, so every ID is reached; score = summed
 * log-probability of the ID's tokens). Any difference between the decoder inputs, positions, masks, level offsets or
 * output tables of training and decoding shows up here as a mismatch.
 */
class TigerTrainInferenceTest {
    @Test
    void teacherForcedLossEqualsBeamSearchLogProbability() {
        Dataset d = TigerTest.cyclic(12, 4);
        // maxLen 3 < most histories: the encoder window is cut at training and at decoding alike
        TigerConfig c = new TigerConfig(32, 2, 2, 64, 0.0, 3, "rqkmeans", 2, 4, TigerTest.ITEMS, 16, "",
                TigerTest.small(1).training());
        float[][] emb = TigerTest.embeddings(TigerTest.ITEMS, 3);
        ItemTokenizer tok = ItemTokenizers.fit("rqkmeans", emb, c.levels(), c.codes(), 1);
        int[][] raw = new int[TigerTest.ITEMS][];
        for (int i = 0; i < raw.length; i++) raw[i] = tok.encode(emb[i]);
        TigerNetwork net = new TigerNetwork(c, Tiger.ids(SemanticIds.of(raw, c.codes())), d);
        ParameterSet p = net.initialParameters(new Random(5));
        // move every weight away from its initial value (layer-norm gains of 1, zero biases) so all of them matter
        Random r = new Random(6);
        for (String n : p.names()) { float[] v = p.get(n); for (int i = 0; i < v.length; i++) v[i] += (float) (0.3 * r.nextGaussian()); }
        var model = new Tiger.Fitted(null, c, p, tok, raw);
        int L = c.idLength();

        int[] rows = new int[net.numRows()];
        for (int i = 0; i < rows.length; i++) rows[i] = i;
        double expected = 0;
        int[] enc = new int[net.encoderLength()], dec = new int[L];
        java.util.Set<Integer> lengths = new java.util.HashSet<>();
        for (int row : rows) {
            int u = net.rowUser(row), target = net.example(row, enc, 0, enc.length, dec, 0);
            int[] items = d.itemsOf(u);
            int pos = 0;
            while (items[pos] != target) pos++; // cyclic walks of <= 8 of 24 items: each item once per user
            lengths.add(pos);
            var hits = model.generate(u, java.util.Arrays.copyOf(items, pos), TigerTest.ITEMS);
            assertEquals(TigerTest.ITEMS, hits.size(), "a catalogue-wide beam reaches every ID");
            double lp = hits.stream().filter(h -> h.item() == target).findFirst().orElseThrow().logProb();
            expected += -lp / L;
        }
        expected /= rows.length;
        assertTrue(lengths.size() >= 4, "histories of several lengths: " + lengths);

        double loss;
        try (NDManager m = NDManager.newBaseManager()) {
            var w = TigerNetwork.upload(m, p, p.names());
            loss = net.loss(new Batch(rows, m, w, new SplittableRandom(1), 1, 0, TrainingPhase.all(p))).getFloat();
        }
        assertEquals(expected, loss, 1e-4 * Math.max(1, Math.abs(expected)),
                "teacher-forced loss " + loss + " vs beam-search log-probability per token " + expected);
    }
}
