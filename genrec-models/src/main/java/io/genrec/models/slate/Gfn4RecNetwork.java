package io.genrec.models.slate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import io.genrec.data.Dataset;
import io.genrec.models.training.Batch;
import io.genrec.models.training.DenseLayer;
import io.genrec.models.training.Initializers;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TorchScalar;
import io.genrec.models.training.TrainableNetwork;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The GFN4Rec forward policy and its trajectory balance loss (Liu et al., KDD 2023; see {@link Gfn4RecConfig}). Per
 * training row (a user) one slate of K items is sampled from the current policy, each step drawing from
 * P_F(. | u, a_1..a_{t-1}) over the items not in the user's training history and not yet chosen, or with probability
 * {@code explore} uniformly from those items; its reward R(u, O) comes from the frozen {@link ResponseModel}. Loss per
 * slate: {@code (log Z(u) + sum_t log(P_F(a_t) + b_f) - beta log(R + b_r))^2}, averaged over the batch. Parameters:
 * {@code pol.emb [items, d]}, {@code pol.state} (d to h, tanh), {@code pol.logz} (h to 1), {@code pol.fwd}
 * (h + K·d to h, tanh), {@code pol.q} (h to d); the Java twin is {@link GfnPolicy}.
 */
final class Gfn4RecNetwork implements TrainableNetwork {
    /** Added to the logit of an item that may not be chosen: its probability underflows to exactly 0. */
    static final float MASKED = -1e9f;

    private final Gfn4RecConfig config;
    private final ResponseModel response;
    private final int numItems;
    private final int[][] histories;
    private final int[] users;
    private final float[][] userVectors;
    private final double logUniformSlates;

    /** @param train the training interactions (histories are masked and form the user state) */
    Gfn4RecNetwork(Dataset train, Gfn4RecConfig config, ResponseModel response) {
        this.config = config;
        this.response = response;
        numItems = train.numItems();
        int k = config.slateSize();
        if (k > numItems) throw new IllegalArgumentException("slate_size " + k + " exceeds the " + numItems + " items of '" + train.name() + "'");
        histories = new int[train.numUsers()][];
        userVectors = new float[train.numUsers()][];
        int[] eligible = new int[train.numUsers()];
        int n = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            histories[u] = Arrays.stream(train.itemsOf(u)).distinct().sorted().toArray();
            // a user needs a history for a state and K unseen items to fill a slate
            if (histories[u].length > 0 && numItems - histories[u].length >= k) {
                eligible[n++] = u;
                userVectors[u] = response.userVector(histories[u]);
            }
        }
        if (n == 0) throw new IllegalArgumentException("no user of '" + train.name() + "' has a history and " + k + " unseen items");
        users = Arrays.copyOf(eligible, n);
        double allowed = 0;
        for (int u : users) allowed += numItems - histories[u].length;
        allowed /= n;
        double logSlates = 0;
        for (int t = 0; t < k; t++) logSlates += Math.log(Math.max(1, allowed - t));
        logUniformSlates = logSlates;
    }

    @Override
    public ParameterSet initialParameters(Random rng) {
        int k = config.slateSize(), d = config.embeddingDim(), h = config.hiddenDim();
        ParameterSet p = new ParameterSet();
        // the response model's item embeddings as the start: the policy begins with items that respond alike close
        // together instead of learning that from sampled slates alone (measured on the planted test: with random
        // embeddings 240 steps left the policy near uniform)
        p.add("pol.emb", response.itemEmbeddings(), numItems, d);
        DenseLayer.xavierUniform(p, "pol.state", d, h, 0.001, rng);
        DenseLayer.xavierUniform(p, "pol.logz", h, 1, 0.001, rng);
        // log Z starts at the log of the number of slates a uniform policy draws from (TB needs log Z + sum log P_F near
        // log R, and sum log P_F of a uniform policy is about -K ln(items)); from 0, Adam at lr 1e-3 would spend thousands
        // of steps climbing there (measured on ML-1M: TB loss 4478 after the first epoch)
        p.get("pol.logz.b")[0] = (float) logUniformSlates;
        DenseLayer.xavierUniform(p, "pol.fwd", h + k * d, h, 0.001, rng);
        DenseLayer.xavierUniform(p, "pol.q", h, d, 0.001, rng);
        return p;
    }

    @Override
    public int numRows() { return users.length; }

    @Override
    public NDArray loss(Batch b) {
        int[] batchUsers = new int[b.size()];
        for (int n = 0; n < batchUsers.length; n++) batchUsers[n] = users[b.rows()[n]];
        return trajectoryBalance(b, batchUsers, null).loss;
    }

    /** The loss of a batch and the slates it was computed on (for tests). */
    record Result(NDArray loss, int[][] slates, double[] rewards) { }

    /**
     * Trajectory balance loss of one slate per user in {@code batchUsers}: sampled from the policy (with exploration)
     * when {@code forced} is null, else the given slates (each K distinct items outside the user's history).
     */
    Result trajectoryBalance(Batch b, int[] batchUsers, int[][] forced) {
        int bs = batchUsers.length, k = config.slateSize(), d = config.embeddingDim();
        float[] context = new float[bs * numItems];
        float[] mask = new float[bs * numItems];
        for (int n = 0; n < bs; n++) {
            int[] hist = histories[batchUsers[n]];
            float w = 1f / hist.length;
            for (int item : hist) {
                context[n * numItems + item] = w;
                mask[n * numItems + item] = MASKED;
            }
        }
        NDArray emb = b.param("pol.emb");
        NDArray s = linear(b, b.create(context, bs, numItems).matMul(emb), "pol.state").tanh();
        NDArray logZ = linear(b, s, "pol.logz").reshape(bs);
        NDArray sumLogP = null;
        NDList chosen = new NDList();
        int[][] slates = new int[bs][k];
        SplittableRandom rng = b.rng();
        for (int t = 0; t < k; t++) {
            NDList parts = new NDList(s);
            parts.addAll(chosen);
            parts.add(b.manager().zeros(new ai.djl.ndarray.types.Shape(bs, (long) (k - t) * d)));
            NDArray hid = linear(b, NDArrays.concat(parts, 1), "pol.fwd").tanh();
            NDArray query = linear(b, hid, "pol.q");
            NDArray logp = query.matMul(emb.transpose()).add(b.create(mask, bs, numItems)).logSoftmax(1);
            long[] pick = new long[bs];
            if (forced != null) {
                for (int n = 0; n < bs; n++) pick[n] = forced[n][t];
            } else {
                float[] prob;
                try (NDArray p = logp.stopGradient().exp()) { prob = p.toFloatArray(); }
                for (int n = 0; n < bs; n++) pick[n] = sample(prob, mask, n, rng);
            }
            for (int n = 0; n < bs; n++) {
                int a = (int) pick[n];
                if (mask[n * numItems + a] != 0f) throw new IllegalStateException("user " + batchUsers[n] + ": item " + a + " is not allowed at step " + t);
                slates[n][t] = a;
                mask[n * numItems + a] = MASKED;
            }
            NDArray idx = b.indices(pick);
            NDArray lp = logp.gather(idx.reshape(bs, 1), 1).reshape(bs);
            if (config.forwardOffset() > 0) lp = lp.exp().add(TorchScalar.of(lp, config.forwardOffset())).log();
            sumLogP = sumLogP == null ? lp : sumLogP.add(lp);
            chosen.add(emb.get(new NDIndex("{}", idx)));
        }
        float[] target = new float[bs];
        double[] rewards = new double[bs];
        for (int n = 0; n < bs; n++) {
            rewards[n] = response.reward(userVectors[batchUsers[n]], slates[n], k);
            target[n] = (float) (config.rewardPower() * Math.log(rewards[n] + config.rewardSmooth()));
        }
        NDArray residual = logZ.add(sumLogP).sub(b.create(target, bs));
        NDArray loss = residual.square().sum().div(TorchScalar.of(residual, bs));
        return new Result(loss, slates, rewards);
    }

    /** Row {@code n}'s next item: with probability {@code explore} uniform over allowed items, else from {@code prob}. */
    private int sample(float[] prob, float[] mask, int n, SplittableRandom rng) {
        int base = n * numItems;
        if (rng.nextDouble() < config.explore()) {
            int allowed = 0;
            for (int i = 0; i < numItems; i++) if (mask[base + i] == 0f) allowed++;
            int r = rng.nextInt(allowed);
            for (int i = 0; i < numItems; i++) if (mask[base + i] == 0f && r-- == 0) return i;
        }
        double total = 0;
        for (int i = 0; i < numItems; i++) if (mask[base + i] == 0f) total += prob[base + i];
        double u = rng.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < numItems; i++) {
            if (mask[base + i] != 0f) continue;
            last = i;
            if ((u -= prob[base + i]) <= 0) return i;
        }
        return last; // rounding left a sliver of u: the last allowed item
    }

    int[] users() { return users.clone(); }

    private static NDArray linear(Batch b, NDArray x, String name) {
        return x.matMul(b.param(name + ".w")).add(b.param(name + ".b"));
    }
}
