package io.genrec.cli;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.eval.EvaluationResult;
import io.genrec.eval.Evaluator;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.split.Split;
import io.genrec.split.Splitters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The README's library example, on the bundled data, so the README stays true. */
class ReadmeLibraryExampleTest {
    @Test
    void readmeExampleRuns(@TempDir Path dir) throws Exception {
        var loaded = DataSpecs.load("ml-latest-small");
        Dataset data = ExperimentRunner.preprocess(loaded.data(), "auto", 5, 5);
        Split split = Splitters.create("leave-one-out", Params.empty()).split(data, 42);
        FittedRecommender ease = RecommenderRegistry.load().create("ease", Params.empty())
                .fit(new TrainContext(split.train(), split.validation(), 42, 2, ProgressListener.NONE));
        EvaluationResult r = new Evaluator(List.of("ndcg@10", "recall@20"), 2).evaluate(ease, split.test(), split.train(), ProgressListener.NONE);
        assertTrue(r.metric("ndcg@10") > 0.01, "EASE should find some held-out items: " + r.metrics());
        ease.save(dir.resolve("ease"));
        FittedRecommender back = RecommenderRegistry.load().load(dir.resolve("ease"));
        float[] a = new float[ease.numItems()], b = new float[back.numItems()];
        ease.scoreAll(UserContext.of(split.train(), 0), a);
        back.scoreAll(UserContext.of(split.train(), 0), b);
        assertArrayEquals(a, b);
        assertEquals(split.train().contentHash(), back.provenance().dataHash());
    }
}
