package io.genrec.models.slate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderContract;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.SlateGenerator;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.training.Batch;
import io.genrec.models.training.OwnedArrays;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainingConfig;
import io.genrec.models.training.TrainingPhase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class Gfn4RecTest implements RecommenderContract {
    static final int K = 5;

    /** Small and short so the contract's many fits take seconds. */
    static Gfn4RecConfig small() {
        return new Gfn4RecConfig(K, 8, 16, 0.0, 0.3, 1.0, 0.1, 2, 2, new TrainingConfig(3, 32, 1e-2, 0, 0, 1, 10, 0));
    }

    @Override public Recommender recommender() { return new Gfn4Rec(small()); }
    @Override public RecommenderProvider provider() { return new Gfn4RecProvider(); }

    @Test
    void trajectoryBalanceLossEqualsAHandComputationOnATwoStepTrajectory() {
        Dataset.Builder db = new Dataset.Builder("tb");
        for (int i = 0; i < 6; i++) db.item("i" + i);
        db.add("u0", "i0", 1f, 1).add("u0", "i3", 1f, 2).add("u1", "i1", 1f, 3).add("u1", "i2", 1f, 4).add("u1", "i5", 1f, 5);
        Dataset d = db.build();
        int k = 2, dim = 3, h = 4;
        double bf = 0.5, br = 0.3, beta = 1.5;
        Gfn4RecConfig c = new Gfn4RecConfig(k, dim, h, bf, br, beta, 0.0, 1, 1, new TrainingConfig(1, 2, 1e-3, 0, 0, 1, 10, 0));
        ParameterSet rw = new ResponseModel.Network(new TrainingSlates(d, k), c, 6).initialParameters(new Random(1));
        Gfn4RecNetwork net = new Gfn4RecNetwork(d, c, new ResponseModel(rw));
        ParameterSet pw = net.initialParameters(new Random(2));
        int[] users = {0, 1};
        int[][] slates = {{4, 1}, {3, 0}};
        double got;
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> live = new LinkedHashMap<>();
            for (String n : pw.names()) live.put(n, OwnedArrays.floats(m, pw.get(n), Arrays.stream(pw.shape(n)).asLongStream().toArray()));
            Batch b = new Batch(new int[] {0, 1}, m, live, new SplittableRandom(3), 1, 0, TrainingPhase.all(pw));
            Gfn4RecNetwork.Result r = net.trajectoryBalance(b, users, slates);
            got = r.loss().getFloat();
            assertArrayEquals(slates[0], r.slates()[0]);
        }
        // by hand: state, log Z, two softmax steps over the items outside the history, reward, squared residual
        double expected = 0;
        for (int n = 0; n < 2; n++) {
            int[] hist = Arrays.stream(d.itemsOf(users[n])).sorted().toArray();
            double[] ctx = new double[dim];
            for (int item : hist) for (int j = 0; j < dim; j++) ctx[j] += pw.get("pol.emb")[item * dim + j] / hist.length;
            double[] s = tanh(affine(ctx, pw, "pol.state"));
            double logZ = affine(s, pw, "pol.logz")[0];
            double sumLog = 0;
            double[] in = new double[h + k * dim];
            System.arraycopy(s, 0, in, 0, h);
            boolean[] banned = new boolean[6];
            for (int item : hist) banned[item] = true;
            for (int t = 0; t < k; t++) {
                double[] q = affine(tanh(affine(in, pw, "pol.fwd")), pw, "pol.q");
                double z = 0, chosen = 0;
                for (int i = 0; i < 6; i++) {
                    if (banned[i]) continue;
                    double logit = 0;
                    for (int j = 0; j < dim; j++) logit += q[j] * pw.get("pol.emb")[i * dim + j];
                    z += Math.exp(logit);
                    if (i == slates[n][t]) chosen = Math.exp(logit);
                }
                sumLog += Math.log(chosen / z + bf);
                banned[slates[n][t]] = true;
                for (int j = 0; j < dim; j++) in[h + t * dim + j] = pw.get("pol.emb")[slates[n][t] * dim + j];
            }
            double[] uc = new double[dim];
            for (int item : hist) for (int j = 0; j < dim; j++) uc[j] += rw.get("resp.emb")[item * dim + j] / hist.length;
            double[] u = tanh(affine(uc, rw, "resp.user"));
            double reward = 0;
            for (int item : slates[n]) {
                double sc = rw.get("resp.bias")[item];
                for (int j = 0; j < dim; j++) sc += u[j] * rw.get("resp.emb")[item * dim + j];
                reward += 1 / (1 + Math.exp(-sc)) / k;
            }
            double residual = logZ + sumLog - beta * Math.log(reward + br);
            expected += residual * residual / 2;
        }
        assertEquals(expected, got, 1e-4 * Math.max(1, Math.abs(expected)), "trajectory balance loss");
    }

    private static double[] affine(double[] x, ParameterSet p, String name) {
        int[] s = p.shape(name + ".w");
        double[] y = new double[s[1]];
        for (int o = 0; o < s[1]; o++) {
            y[o] = p.get(name + ".b")[o];
            for (int i = 0; i < s[0]; i++) y[o] += x[i] * p.get(name + ".w")[i * s[1] + o];
        }
        return y;
    }

    private static double[] tanh(double[] x) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) y[i] = Math.tanh(y[i]);
        return y;
    }

    @Test
    void slatesHaveNoRepeatsValidItemsAndRespectTheFilter() {
        Dataset d = trainingData();
        FittedRecommender m = fitted(d, 3);
        assertTrue(m.capabilities().contains(Capability.LIST_GENERATION));
        SlateGenerator g = (SlateGenerator) m;
        for (int u = 0; u < d.numUsers(); u++) {
            int[] hist = d.itemsOf(u);
            for (int k : new int[] {K, 12}) {
                int[] all = g.generateSlate(UserContext.of(d, u), k, ItemFilter.ALL);
                assertEquals(k, all.length);
                assertEquals(k, Arrays.stream(all).distinct().count(), "user " + u + " slate " + Arrays.toString(all) + " repeats an item");
                for (int item : all) assertTrue(item >= 0 && item < d.numItems());
                int[] unseen = g.generateSlate(UserContext.of(d, u), k, ItemFilter.excluding(hist));
                assertEquals(k, Arrays.stream(unseen).distinct().count());
                for (int item : unseen) for (int hi : hist) assertNotEquals(hi, item, "user " + u + " got seen item " + item);
            }
        }
        int[] few = g.generateSlate(UserContext.of(d, 0), K, item -> item < 3);
        assertArrayEquals(new int[] {0, 1, 2}, Arrays.stream(few).sorted().toArray(), "only 3 items pass the filter");
    }

    @Test
    void sampledTrainingSlatesNeverRepeatOrTouchTheHistory() {
        Dataset d = trainingData();
        Gfn4RecConfig c = small();
        ParameterSet rw = new ResponseModel.Network(new TrainingSlates(d, K), c, d.numItems()).initialParameters(new Random(1));
        Gfn4RecNetwork net = new Gfn4RecNetwork(d, c, new ResponseModel(rw));
        ParameterSet pw = net.initialParameters(new Random(2));
        int[] users = net.users();
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> live = new LinkedHashMap<>();
            for (String n : pw.names()) live.put(n, OwnedArrays.floats(m, pw.get(n), Arrays.stream(pw.shape(n)).asLongStream().toArray()));
            Batch b = new Batch(users, m, live, new SplittableRandom(5), 1, 0, TrainingPhase.all(pw));
            Gfn4RecNetwork.Result r = net.trajectoryBalance(b, users, null);
            assertTrue(Float.isFinite(r.loss().getFloat()));
            for (int n = 0; n < users.length; n++) {
                int[] slate = r.slates()[n];
                assertEquals(K, Arrays.stream(slate).distinct().count(), "repeat in " + Arrays.toString(slate));
                for (int item : slate) {
                    assertTrue(item >= 0 && item < d.numItems());
                    for (int hi : d.itemsOf(users[n])) assertNotEquals(hi, item, "history item sampled");
                }
                assertTrue(r.rewards()[n] > 0 && r.rewards()[n] < 1);
            }
        }
    }

    /** Enough training to learn the planted clusters (even users like even items, odd users odd items). */
    static Gfn4RecConfig planted() {
        return new Gfn4RecConfig(K, 16, 32, 0.0, 0.3, 5.0, 0.1, 20, 8, new TrainingConfig(60, 32, 1e-2, 0, 0, 1, 10, 0));
    }

    @Test
    void slatesFollowTheResponseModelsPreferredItems() {
        Dataset d = RecommenderContract.ContractData.clustered(120, 40, 8, 21L);
        Gfn4Rec.Fitted g = (Gfn4Rec.Fitted) new Gfn4Rec(planted()).fit(TrainContext.of(d, 1));
        int inCluster = 0, total = 0;
        double chance = 0, rewardGfn = 0, rewardOther = 0;
        for (int u = 0; u < d.numUsers(); u++) {
            int[] hist = d.itemsOf(u);
            int cluster = u % 2;
            int[] slate = g.generateSlate(UserContext.of(d, u), K, ItemFilter.excluding(hist));
            for (int item : slate) if (item % 2 == cluster) inCluster++;
            total += slate.length;
            long unseenInCluster = 20 - Arrays.stream(hist).filter(i -> i % 2 == cluster).distinct().count();
            chance += unseenInCluster / (double) (40 - Arrays.stream(hist).distinct().count());
            // the same slate size from the other cluster's items: the response model must prefer the generated one
            int[] other = new int[K];
            for (int p = 0, i = 1 - cluster; p < K; i += 2) other[p++] = i;
            rewardGfn += g.reward(UserContext.of(d, u), slate);
            rewardOther += g.reward(UserContext.of(d, u), other);
        }
        double rate = inCluster / (double) total;
        chance /= d.numUsers();
        assertTrue(rate > 0.8 && rate > chance + 0.3, "in-cluster share of slate items " + rate + " (random unseen items: " + chance + ")");
        assertTrue(rewardGfn > rewardOther + 0.1 * d.numUsers(), "mean reward of generated slates " + rewardGfn / d.numUsers()
                + " vs. other-cluster slates " + rewardOther / d.numUsers());
    }

    @Test
    void savedModelGeneratesTheSameSlatesAndKeepsProvenance(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Dataset d = trainingData();
        Gfn4Rec.Fitted m = (Gfn4Rec.Fitted) fitted(d, 4);
        m.save(dir);
        assertTrue(Files.exists(dir.resolve("model.json")));
        Gfn4Rec.Fitted back = (Gfn4Rec.Fitted) new Gfn4RecProvider().load(dir);
        assertEquals(m.provenance(), back.provenance());
        for (int u = 0; u < 10; u++) {
            ItemFilter unseen = ItemFilter.excluding(d.itemsOf(u));
            int[] slate = m.generateSlate(UserContext.of(d, u), K, unseen);
            assertArrayEquals(slate, back.generateSlate(UserContext.of(d, u), K, unseen));
            assertEquals(m.reward(UserContext.of(d, u), slate), back.reward(UserContext.of(d, u), slate), 0);
            assertArrayEquals(slate, m.recommend(UserContext.of(d, u), K, unseen).items(), "the ranking starts with the slate");
        }
    }

    @Test
    void providerAppliesParamsAndRejectsUnknownKeys() {
        var r = (Gfn4Rec) new Gfn4RecProvider().create(new Params(Map.of("slate_size", "7", "reward_smooth", "0.5"), "test"));
        assertEquals(7, r.config().slateSize());
        assertEquals(0.5, r.config().rewardSmooth());
        var e = assertThrows(IllegalArgumentException.class, () -> new Gfn4RecProvider().create(new Params(Map.of("slate_sise", "3"), "test")));
        assertTrue(e.getMessage().contains("slate_sise"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Gfn4RecProvider().create(new Params(Map.of("explore", "1.5"), "test")));
    }
}
