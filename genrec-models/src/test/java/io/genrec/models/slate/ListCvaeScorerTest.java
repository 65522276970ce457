package io.genrec.models.slate;

import io.genrec.data.Dataset;
import io.genrec.model.RecommenderContract.ContractData;
import io.genrec.models.training.GraphLoss;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Java scorer ({@link SlateDecoder}) = training graph ({@link ListCvaeNetwork#loss}). The graph decodes from the
 * posterior q(z | slate, c), the scorer from the prior mean μ0(c); the weights are rigged so that the posterior is
 * the prior with negligible variance (encoder = prior network on the context, slate part zeroed; log-variance -40),
 * and the responses r (sampled in training, all ones at inference) are cut off by zeroing their weight rows. Then the
 * graph's loss at step 0 (KL weight 0) is the slate's cross-entropy under the decoder, which the Java position
 * vectors and logits must reproduce for the same sampled slate and context.
 */
class ListCvaeScorerTest {
    @Test
    void decoderLogitsReproduceTheGraphLoss() {
        int k = 4, d = 6, l = 5, h = 7;
        Dataset data = ContractData.clustered(20, 30, 8, 7L);
        ListCvaeConfig c = new ListCvaeConfig(k, d, l, h, 1.0, 20, 1, new TrainingConfig(1, 8, 1e-2, 0, 0, 1, 10, 0));
        TrainingSlates slates = new TrainingSlates(data, k);
        ListCvaeNetwork net = new ListCvaeNetwork(slates, c, data.numItems());
        ParameterSet w = GraphLoss.perturbed(net.initialParameters(new Random(3)), 4);
        int cond = k + d;
        float[] prior = w.get("prior.w"), enc = w.get("enc.w"), dec = w.get("dec.w");
        for (int i = 0; i < k; i++) Arrays.fill(prior, i * h, (i + 1) * h, 0f);            // r part of the prior input
        Arrays.fill(enc, 0f);                                                           // slate and r part of q's input
        System.arraycopy(prior, k * h, enc, (k * d + k) * h, d * h);                    // context part of q = prior's
        System.arraycopy(w.get("prior.b"), 0, w.get("enc.b"), 0, h);
        System.arraycopy(w.get("prior_mu.w"), 0, w.get("mu.w"), 0, h * l);
        System.arraycopy(w.get("prior_mu.b"), 0, w.get("mu.b"), 0, l);
        Arrays.fill(w.get("logvar.w"), 0f);
        Arrays.fill(w.get("logvar.b"), -40f);
        for (int i = l; i < l + k; i++) Arrays.fill(dec, i * h, (i + 1) * h, 0f);       // r part of the decoder input
        assertEquals((k * d + cond) * h, enc.length);

        SlateDecoder decoder = new SlateDecoder(w, c, data.numItems());
        for (int row = 0; row < slates.numActiveUsers(); row++) {
            long seed = 100 + row;
            int[] items = new int[k];
            float[] responses = new float[k], context = new float[data.numItems()];
            slates.sample(slates.activeUser(row), new SplittableRandom(seed), 0, items, responses, context);
            int[] history = IntStream.range(0, context.length).filter(i -> context[i] > 0).toArray();
            float[] x = decoder.positionVectors(history);
            float[] logits = new float[data.numItems()];
            double java = 0;
            for (int p = 0; p < k; p++) {
                decoder.logits(x, p, logits);
                java += GraphLoss.multinomialNll(logits, new int[] {items[p]});
            }
            double graph = GraphLoss.of(net, w, new int[] {row}, 0, seed);
            assertEquals(graph, java, 1e-4 * Math.max(1, Math.abs(graph)), "row " + row + " slate " + Arrays.toString(items));
        }
    }
}
