package io.genrec.experiment;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Under the temporal protocol the k-core is counted on the training part only: the future cannot pick the survivors. */
class TemporalCoreTest {
    @TempDir Path dir;

    /**
     * 10 regular users with 4 training interactions (times 0..39) and one later one each (times 100..109); user x
     * with 2 training interactions (times 40, 41) and 2 later ones (110, 111), which {@code laterOwner} owns instead
     * when it is not x. Both variants have the same timestamps, so the temporal cut falls at the same time.
     */
    private String data(String name, String laterOwner) throws Exception {
        StringBuilder sb = new StringBuilder("user,item,rating,time\n");
        int t = 0;
        for (int u = 0; u < 10; u++)
            for (int k = 0; k < 4; k++) sb.append('u').append(u).append(",i").append((u + k) % 5).append(",1,").append(t++).append('\n');
        sb.append("x,i0,1,40\nx,i1,1,41\n");
        for (int u = 0; u < 10; u++) sb.append('u').append(u).append(",i").append((u + 4) % 5).append(",1,").append(100 + u).append('\n');
        sb.append(laterOwner).append(",i2,1,110\n").append(laterOwner).append(",i3,1,111\n");
        Path f = dir.resolve(name + ".csv");
        Files.writeString(f, sb.toString());
        return "csv:" + f + "?header=true&user=user&item=item&rating=rating&time=time";
    }

    private ExperimentRunner.Prepared prepare(String spec, List<String> log) {
        ExperimentConfig cfg = new ExperimentConfig(spec, "none", 3, 3, "temporal", Map.of("valid", "0", "test", "0.2"),
                List.of("mostpop"), null, List.of("ndcg@10"), 1, 1, null);
        return new ExperimentRunner(RecommenderRegistry.of(), ProgressListener.NONE, log::add).prepare(cfg, List.of()); // data preparation only: no models to check
    }

    @Test
    void laterInteractionsDoNotDecideWhoIsInTheTrainingData() throws Exception {
        List<String> log = new ArrayList<>();
        ExperimentRunner.Prepared withX = prepare(data("x", "x"), log);
        ExperimentRunner.Prepared withY = prepare(data("y", "y"), new ArrayList<>());
        Dataset train = withX.split().train();
        assertEquals(train.contentHash(), withY.split().train().contentHash(),
                "moving two test-period interactions from user x to user y changed the training data");
        assertEquals(-1, train.userIds().indexOf("x"), "x has 2 training interactions, under the 3-core");
        for (int u = 0; u < train.numUsers(); u++)
            assertTrue(train.historyLength(u) >= 3, "user " + train.userIds().externalId(u) + " is under the core in the training part");
        for (int c : train.itemPopularity()) assertTrue(c >= 3, "an item is under the core in the training part");
        int[] testUsers = withX.split().test().evaluatedUsers();
        for (int u : testUsers) assertTrue(train.historyLength(u) > 0, "test user without training data");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("temporal: the 3/3-core counts only the training part")
                && l.contains("dropped 2 of the")), String.join("\n", log));
        assertTrue(withX.preprocessing().endsWith("on the training part"), withX.preprocessing());
    }

    @Test
    void theImplicitThresholdIsAppliedOnceBeforeTheTrainingPartCore() throws Exception {
        String plain = data("plain", "x");
        Path rated = dir.resolve("rated.csv");
        Files.writeString(rated, Files.readString(Path.of(plain.substring(4, plain.indexOf('?')))).replace(",1,", ",5,"));
        ExperimentConfig cfg = new ExperimentConfig("csv:" + rated + "?header=true&user=user&item=item&rating=rating&time=time", "4", 3, 3,
                "temporal", Map.of("valid", "0", "test", "0.2"), List.of("mostpop"), null, List.of("ndcg@10"), 1, 1, null);
        // the positives (value 1 after the threshold) were thresholded again and all dropped: "no interactions left"
        Dataset train = new ExperimentRunner(RecommenderRegistry.of(), ProgressListener.NONE, m -> { }).prepare(cfg, List.of()).split().train();
        assertEquals(prepare(plain, new ArrayList<>()).split().train().numInteractions(), train.numInteractions());
    }

    @Test
    void theSavedBindingReproducesTheData() throws Exception {
        String spec = data("x", "x");
        ExperimentRunner.Prepared p = prepare(spec, new ArrayList<>());
        assertEquals(p.split().train().userIds().size(), p.binding().users().size());
        Dataset again = p.binding().reapply(DataSpecs.load(spec).data());
        p.binding().check(again, dir.resolve("model")); // throws when a saved model could not be loaded on its data
        assertEquals(p.binding().dataHash(), again.contentHash());
    }
}
