package io.genrec.experiment;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderProvider;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.split.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The validation-set grid search must choose on the validation set alone. Two rigged candidates: one scores each
 * user's validation targets highest, the other each user's test targets. Choosing on the test set would pick the
 * second (it is perfect on the test set); choosing on validation must pick the first.
 */
public class GridSearchUsesValidationTest {
    /** Candidate {@code target=validation|test}: ranks that split part's targets of each user first. */
    public record SpyConfig(String target) { }

    static final class Spy implements Recommender {
        final SpyConfig config;
        final Dataset testTargets;
        final List<TrainContext> fits;

        Spy(SpyConfig config, Dataset testTargets, List<TrainContext> fits) {
            this.config = config;
            this.testTargets = testTargets;
            this.fits = fits;
        }

        @Override public String name() { return "gridspy"; }
        @Override public SpyConfig config() { return config; }

        @Override
        public FittedRecommender fit(TrainContext context) {
            fits.add(context);
            Dataset favoured = config.target().equals("test") ? testTargets : context.validation().targets();
            Provenance p = Provenance.capture(name(), config, context.train().name(), context.train().contentHash(), null,
                    context.seed(), Map.of(), Map.of("fit", 0.0));
            return new FittedRecommender() {
                @Override public String name() { return "gridspy"; }
                @Override public int numItems() { return favoured.numItems(); }
                @Override public Provenance provenance() { return p; }
                @Override public Set<Capability> capabilities() { return EnumSet.noneOf(Capability.class); }

                @Override
                public void scoreAll(UserContext user, float[] out) {
                    checkBuffer(out);
                    // a weak, fixed preference for low item indices, so unfavoured users still get a full ranking
                    for (int j = 0; j < out.length; j++) out[j] = -j * 1e-6f;
                    if (user.user() >= 0 && user.user() < favoured.numUsers())
                        for (int item : favoured.itemsOf(user.user())) out[item] = 1;
                }
            };
        }
    }

    @Test
    void theChosenCandidateIsTheValidationWinnerNotTheTestWinner(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("grid.json");
        Files.writeString(file, """
                {"models": ["gridspy"], "modelParams": {"gridspy": {"target": "test,validation"}},
                 "metrics": ["recall@10"], "threads": 1}
                """);
        ExperimentConfig cfg = ExperimentConfigFile.merge(ExperimentConfig.defaults(), ExperimentConfigFile.read(file));
        List<String> log = new ArrayList<>();
        // The same seeded split the runner will make, so the "test" candidate knows the test targets.
        Split split = new ExperimentRunner(RecommenderRegistry.of(), io.genrec.model.ProgressListener.NONE, log::add).prepare(cfg, List.of()).split();
        List<TrainContext> fits = new ArrayList<>();
        RecommenderProvider provider = new RecommenderProvider() {
            @Override public String name() { return "gridspy"; }
            @Override public String description() { return "rigged candidates for the grid-search test"; }
            @Override public Recommender create(Params params) {
                SpyConfig c = new SpyConfig(params.getString("target", "validation"));
                params.requireAllUsed();
                return new Spy(c, split.test().targets(), fits);
            }
            @Override public FittedRecommender load(Path d) { throw new UnsupportedOperationException(); }
        };

        ExperimentReport report = new ExperimentRunner(RecommenderRegistry.of(provider), io.genrec.model.ProgressListener.NONE,
                log::add).run(cfg);

        ModelResult r = report.results().getFirst();
        assertEquals(2, r.tuning().size(), "both grid points were tried");
        assertEquals(Map.of("target", "validation"), r.provenance().config(),
                "the validation winner must be chosen, not the test winner; log: " + log);
        double validationOfTestOracle = r.tuning().get(0).validationScore(), validationOfValidationOracle = r.tuning().get(1).validationScore();
        assertEquals("test", r.tuning().get(0).params().get("target"));
        assertTrue(validationOfValidationOracle > 0.9, "the validation oracle is (nearly) perfect on validation: " + validationOfValidationOracle);
        assertTrue(validationOfTestOracle < 0.1, "the test oracle is scored on validation, where it is weak: " + validationOfTestOracle);
        assertTrue(r.metrics().get("recall@10") < 0.1, "the reported test recall is the validation winner's: " + r.metrics());
        // and the rig is real: on the test set the other grid point would have won by far
        FittedRecommender testOracle = provider.create(new Params(Map.of("target", "test"), "test")).fit(
                new TrainContext(split.train(), split.validation(), 1, 1, io.genrec.model.ProgressListener.NONE));
        double onTest = new io.genrec.eval.Evaluator(List.of("recall@10"), 1)
                .evaluate(testOracle, split.test(), split.train(), io.genrec.model.ProgressListener.NONE).metrics().get("recall@10");
        assertTrue(onTest > 0.5, "the test oracle wins on the test set by far (recall@10 < 1 only for users with > 10 targets): " + onTest);
        for (TrainContext c : fits) {
            assertEquals(split.train().contentHash(), c.train().contentHash(), "every candidate trains on the training part only");
            assertEquals(split.validation().targets().contentHash(), c.validation().targets().contentHash(),
                    "every candidate sees the validation part as its validation set");
        }
    }
}
