package io.genrec.models.slate;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.io.PresplitLoader;
import io.genrec.eval.EvaluationResult;
import io.genrec.eval.Evaluator;
import io.genrec.eval.SlateMetrics;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;
import io.genrec.split.Split;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The List-CVAE slate benchmark's protocol ({@link ListCvaeBenchmark}: same pre-split data, K = 10, train and
 * validation items excluded, slate hit rate / precision / diversity and full-ranking recall@10 / ndcg@10) for
 * {@code gfn4rec} next to {@code mostpop} and {@code ease}, plus one more column: the mean reward R(u, slate) of each
 * model's slates under the response model GFN4Rec trained (what GFN4Rec optimises, so a model-internal score, not
 * ground truth). GFN4Rec is fitted first (its response model scores all rows) with early stopping on the validation
 * set.
 *
 * <p>Usage: {@code Gfn4RecBenchmark DATA_DIR SEED [gfn4rec key=value ...]}; prints Markdown table rows.
 */
public final class Gfn4RecBenchmark {
    private static final int K = 10;

    private Gfn4RecBenchmark() { }

    public static void main(String[] args) {
        if (args.length < 2) throw new IllegalArgumentException("usage: Gfn4RecBenchmark DATA_DIR SEED [key=value ...]");
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        Map<String, String> gfnParams = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("argument " + (i + 1) + " '" + args[i] + "' is not key=value");
            gfnParams.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Split split = PresplitLoader.load(dir);
        Dataset train = split.train();
        EvalSet test = split.test();
        System.out.printf("data: %s; split %s%n", train, split.description());
        RecommenderRegistry registry = RecommenderRegistry.load();
        ProgressListener epochs = (stage, done, total, detail) -> {
            if (stage.equals("epoch")) System.out.printf("  epoch %d/%d: %s%n", done, total, detail);
        };
        Gfn4Rec.Fitted gfn = null;
        StringBuilder rows = new StringBuilder();
        for (String model : List.of("gfn4rec", "mostpop", "ease")) {
            Map<String, String> p = model.equals("gfn4rec") ? gfnParams : Map.of();
            long t0 = System.nanoTime();
            FittedRecommender m = registry.create(model, new Params(p, "benchmark"))
                    .fit(new TrainContext(train, split.validation(), seed, 2, epochs));
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            if (gfn == null) gfn = (Gfn4Rec.Fitted) m;
            int[] users = test.evaluatedUsers();
            long s0 = System.nanoTime();
            int[][] slates = ListCvaeBenchmark.slates(m, test, users);
            double slateSeconds = (System.nanoTime() - s0) / 1e9;
            double reward = 0;
            for (int n = 0; n < users.length; n++) reward += gfn.reward(UserContext.of(test.history(), users[n]), slates[n]);
            SlateMetrics.Result s = SlateMetrics.evaluate(slates, users, K, test.targets(), train);
            EvaluationResult r = new Evaluator(List.of("recall@10", "ndcg@10"), 2).evaluate(m, test, train, ProgressListener.NONE);
            rows.append(String.format("| %s%s | %.4f | %.4f | %.4f | %d | %.4f | %.4f | %.4f | %.1f | %.1f |%n", model, p.isEmpty() ? "" : " " + p,
                    s.hitRate(), s.precision(), s.diversity(), s.duplicates(), reward / users.length, r.metrics().get("recall@10"),
                    r.metrics().get("ndcg@10"), fitSeconds, slateSeconds));
        }
        System.out.println("| model | slate hit@10 | slate precision@10 | slate diversity@10 | duplicates | mean R (gfn4rec response model) | recall@10 | ndcg@10 | fit s | slates s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.print(rows);
    }
}
