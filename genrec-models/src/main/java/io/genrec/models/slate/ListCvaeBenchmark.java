package io.genrec.models.slate;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.io.PresplitLoader;
import io.genrec.eval.EvaluationResult;
import io.genrec.eval.Evaluator;
import io.genrec.eval.SlateMetrics;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.SlateGenerator;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.split.EvalSet;
import io.genrec.split.Split;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slate benchmark on a pre-split data set (e.g. the DiffRec ML-1M split): fits {@code mostpop}, {@code ease} and
 * {@code listcvae} from the registry (List-CVAE with early stopping on the validation set), then for every test user
 * compares the List-CVAE slate of K = 10 ({@link SlateGenerator}, conditioned on all-positive responses) with the
 * top-10 of the ranking models on slate hit rate, precision and diversity ({@link SlateMetrics}; train and
 * validation items excluded, as in the DiffRec protocol), and reports the standard full-ranking recall@10 and
 * ndcg@10 of all three ({@link Evaluator}).
 *
 * <p>Usage: {@code ListCvaeBenchmark DATA_DIR SEED [listcvae key=value ...]}; prints Markdown table rows.
 */
public final class ListCvaeBenchmark {
    private static final int K = 10;

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        Map<String, String> cvaeParams = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            cvaeParams.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Split split = PresplitLoader.load(dir);
        Dataset train = split.train();
        EvalSet test = split.test();
        System.out.printf("data: %s; split %s%n", train, split.description());
        RecommenderRegistry registry = RecommenderRegistry.load();
        ProgressListener epochs = (stage, done, total, detail) -> {
            if (stage.equals("epoch")) System.out.printf("  epoch %d/%d: %s%n", done, total, detail);
        };
        System.out.println("| model | slate hit@10 | slate precision@10 | slate diversity@10 | duplicates | recall@10 | ndcg@10 | fit s | slates s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String model : List.of("mostpop", "ease", "listcvae")) {
            Map<String, String> p = model.equals("listcvae") ? cvaeParams : Map.of();
            long t0 = System.nanoTime();
            FittedRecommender m = registry.create(model, new Params(p, "benchmark"))
                    .fit(new TrainContext(train, split.validation(), seed, 2, epochs));
            double fitSeconds = (System.nanoTime() - t0) / 1e9;
            int[] users = test.evaluatedUsers();
            long s0 = System.nanoTime();
            int[][] slates = slates(m, test, users);
            double slateSeconds = (System.nanoTime() - s0) / 1e9;
            SlateMetrics.Result s = SlateMetrics.evaluate(slates, users, K, test.targets(), train);
            EvaluationResult r = new Evaluator(List.of("recall@10", "ndcg@10"), 2).evaluate(m, test, train, ProgressListener.NONE);
            System.out.printf("| %s%s | %.4f | %.4f | %.4f | %d | %.4f | %.4f | %.1f | %.1f |%n", model, p.isEmpty() ? "" : " " + p,
                    s.hitRate(), s.precision(), s.diversity(), s.duplicates(), r.metrics().get("recall@10"),
                    r.metrics().get("ndcg@10"), fitSeconds, slateSeconds);
        }
    }

    /** The generated slate of a {@link SlateGenerator}, else the top-K of the ranking, excluding the eval set's excluded items. */
    static int[][] slates(FittedRecommender m, EvalSet set, int[] users) {
        int[][] out = new int[users.length][];
        for (int n = 0; n < users.length; n++) {
            UserContext ctx = UserContext.of(set.history(), users[n]);
            ItemFilter unseen = ItemFilter.excluding(set.excluded().itemsOf(users[n]));
            out[n] = m instanceof SlateGenerator g ? g.generateSlate(ctx, K, unseen) : m.recommend(ctx, K, unseen).items();
        }
        return out;
    }
}
