package io.genrec.models.flow;

import io.genrec.config.ConfigBinder;
import io.genrec.data.Dataset;
import io.genrec.model.UserContext;
import io.genrec.models.NeuralBenchmark;
import io.genrec.models.training.NeuralArchive;

import java.nio.file.Path;

/**
 * Sampling steps vs quality of a saved FlowCF model on a DiffRec-layout split: for each number of Euler steps s, the
 * test Recall/NDCG@10/@20 of {@link NeuralBenchmark#evaluate} (train vector as input, train+valid excluded, full
 * ranking) and the mean single-threaded {@code scoreAll} milliseconds over the first users after a warm-up. The
 * trained weights do not depend on s, so one saved model serves every row.
 *
 * <p>Usage: {@code FlowCfStepsBenchmark DATA_DIR MODEL_DIR STEPS,... [LATENCY_USERS]}.
 */
public final class FlowCfStepsBenchmark {
    public static void main(String[] args) throws Exception {
        if (args.length < 3) throw new IllegalArgumentException("usage: DATA_DIR MODEL_DIR STEPS,... [LATENCY_USERS]");
        Path data = Path.of(args[0]), modelDir = Path.of(args[1]);
        int users = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        Dataset[] split = NeuralBenchmark.load(data);
        Dataset train = split[0], excluded = train.union("train+valid", split[1]);
        NeuralArchive.Loaded l = NeuralArchive.load(modelDir);
        FlowCfConfig saved = ConfigBinder.bind(FlowCfConfig.defaults(), l.params());
        int numItems = l.weights().shape("out" + (saved.dims().size() - 1) + ".b")[0];
        System.out.println("| sampling_steps | Recall@10 | NDCG@10 | Recall@20 | NDCG@20 | scoreAll ms/user |");
        for (String s : args[2].split(",")) {
            FlowCfConfig c = saved.withSamplingSteps(Integer.parseInt(s.trim()));
            FlowCf.Fitted m = new FlowCf.Fitted(numItems, l.header().provenance(), c, l.weights());
            float[] scores = new float[numItems];
            int n = Math.min(users, train.numUsers());
            for (int u = 0; u < 50; u++) m.scoreAll(UserContext.of(train, u % train.numUsers()), scores);
            long t0 = System.nanoTime();
            for (int u = 0; u < n; u++) m.scoreAll(UserContext.of(train, u), scores);
            double ms = (System.nanoTime() - t0) / 1e6 / n;
            double[] r = NeuralBenchmark.evaluate(m, train, split[2], excluded);
            System.out.printf("| %d | %.4f | %.4f | %.4f | %.4f | %.2f |%n", c.samplingSteps(), r[0], r[1], r[2], r[3], ms);
        }
    }
}
