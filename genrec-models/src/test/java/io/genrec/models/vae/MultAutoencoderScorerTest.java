package io.genrec.models.vae;

import io.genrec.data.Dataset;
import io.genrec.model.RecommenderContract.ContractData;
import io.genrec.models.training.CsrRows;
import io.genrec.models.training.GraphLoss;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Java scorer = training graph: the multinomial NLL of each user's row under the Java forward pass equals the loss
 * the DJL graph computes for that row alone in eval conditions (dropout 0; for the VAE, the KL weight is 0 at step 0
 * and the posterior variance is made negligible, so z = μ as at inference).
 */
class MultAutoencoderScorerTest {
    private static MultVaeConfig config(List<Integer> hidden) {
        return new MultVaeConfig(hidden, 6, 0.0, 0.2, 200, new TrainingConfig(1, 16, 1e-2, 0, 0, 1, 10, 0));
    }

    private static void assertScorerMatchesGraph(List<Integer> hidden, boolean variational) {
        Dataset d = ContractData.clustered(30, 40, 8, 7L);
        MultVaeConfig c = config(hidden);
        MultAutoencoderNetwork net = new MultAutoencoderNetwork(CsrRows.users(d), c, variational);
        ParameterSet w = GraphLoss.perturbed(net.initialParameters(new Random(3)), 4);
        if (variational) {
            Arrays.fill(w.get("logvar.w"), 0f);
            Arrays.fill(w.get("logvar.b"), -40f); // σ = e^-20: the sampled z is μ to float precision
        }
        MultAutoencoderScorer scorer = new MultAutoencoderScorer(w, hidden.size(), variational);
        for (int u = 0; u < d.numUsers(); u++) {
            int[] items = Arrays.stream(d.itemsOf(u)).distinct().sorted().toArray();
            float[] logits = new float[d.numItems()];
            scorer.score(items, logits);
            double java = GraphLoss.multinomialNll(logits, items);
            double graph = GraphLoss.of(net, w, new int[] {u}, 0, 1);
            assertEquals(graph, java, 1e-4 * Math.max(1, Math.abs(graph)), "user " + u + " hidden " + hidden);
        }
    }

    /** A multi-row batch's loss is the mean of its rows' losses: the sparse input and the picked log-likelihoods
     *  must put every row's entries in that row (a wrong flat offset would mix users). */
    @Test
    void batchLossIsTheMeanOfRowLosses() {
        Dataset d = ContractData.clustered(30, 40, 8, 7L);
        for (boolean variational : new boolean[] {false, true}) {
            MultAutoencoderNetwork net = new MultAutoencoderNetwork(CsrRows.users(d), config(List.of(12)), variational);
            ParameterSet w = GraphLoss.perturbed(net.initialParameters(new Random(3)), 4);
            if (variational) {
                Arrays.fill(w.get("logvar.w"), 0f);
                Arrays.fill(w.get("logvar.b"), -40f);
            }
            int[] rows = {7, 0, 29, 13, 5};
            double sum = 0;
            for (int u : rows) sum += GraphLoss.of(net, w, new int[] {u}, 0, 1);
            double batch = GraphLoss.of(net, w, rows, 0, 1);
            assertEquals(sum / rows.length, batch, 1e-4 * Math.abs(batch), "variational " + variational);
        }
    }

    /**
     * The trainer's native validation scores (libtorch on the fit's weights) equal the Java scorer's, user by user,
     * including a user with an empty history (bias-only input) and duplicate-free histories of different lengths.
     */
    private static void assertNativeScoresMatchJava(List<Integer> hidden, boolean variational) {
        Dataset d = ContractData.clustered(30, 40, 8, 7L);
        MultVaeConfig c = config(hidden);
        MultAutoencoderNetwork net = new MultAutoencoderNetwork(CsrRows.users(d), c, variational);
        ParameterSet w = GraphLoss.perturbed(net.initialParameters(new Random(5)), 4);
        MultAutoencoderScorer scorer = new MultAutoencoderScorer(w, hidden.size(), variational);
        int[][] histories = new int[d.numUsers() + 1][];
        for (int u = 0; u < d.numUsers(); u++) histories[u] = Arrays.stream(d.itemsOf(u)).distinct().toArray();
        histories[d.numUsers()] = new int[0];
        float[][] nat = GraphLoss.validationScores(net, w, histories, d.numItems());
        for (int u = 0; u < histories.length; u++) {
            float[] java = new float[d.numItems()];
            scorer.score(histories[u], java);
            assertArrayEquals(java, nat[u], 1e-4f, "user " + u + " hidden " + hidden + " variational " + variational);
        }
    }

    @Test void nativeScoresDaeOneHiddenLayer() { assertNativeScoresMatchJava(List.of(12), false); }
    @Test void nativeScoresDaeNoHiddenLayer() { assertNativeScoresMatchJava(List.of(), false); }
    @Test void nativeScoresVaeTwoHiddenLayers() { assertNativeScoresMatchJava(List.of(16, 10), true); }

    @Test void daeOneHiddenLayer() { assertScorerMatchesGraph(List.of(12), false); }
    @Test void daeNoHiddenLayer() { assertScorerMatchesGraph(List.of(), false); }
    @Test void vaeOneHiddenLayer() { assertScorerMatchesGraph(List.of(12), true); }
    @Test void vaeTwoHiddenLayers() { assertScorerMatchesGraph(List.of(16, 10), true); }
}
