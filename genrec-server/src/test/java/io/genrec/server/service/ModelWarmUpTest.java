package io.genrec.server.service;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelWarmUpTest {
    /** Records what it is asked to score. */
    private static final class Recording implements FittedRecommender {
        final List<UserContext> seen = new ArrayList<>();
        final boolean foldIn;
        Recording(boolean foldIn) { this.foldIn = foldIn; }
        @Override public String name() { return "recording"; }
        @Override public int numItems() { return 3; }
        @Override public void scoreAll(UserContext user, float[] out) { seen.add(user); java.util.Arrays.fill(out, 1f); }
        @Override public Provenance provenance() { return null; }
        @Override public Set<Capability> capabilities() { return foldIn ? Set.of(Capability.FOLD_IN) : Set.of(); }
    }

    private static Dataset data() {
        Dataset.Builder b = new Dataset.Builder("warm-up test");
        b.add("u0", "a", 1, 1).add("u0", "b", 1, 2).add("u0", "z", 1, 3); // z: unknown to the model
        b.add("u1", "c", 1, 1);
        b.add("u2", "z", 1, 1); // nothing the model knows
        return b.build();
    }

    @Test
    void scoresStoredHistoriesMappedToTheModelsIdsWithinTheBudget() {
        Catalog catalog = new Catalog();
        Recording r = new Recording(true);
        // a loaded model whose item order differs from the data's: model ids c=0, a=1, b=2; it knows user u1 only
        ServedModel m = ServedModel.bind("rec", "v1", r, IdMap.of(List.of("c", "a", "b")), IdMap.of(List.of("u1")), catalog,
                Instant.now(), 0, Map.of(), Map.of());
        ModelWarmUp.Result w = ModelWarmUp.run(m, data(), catalog, 100, Duration.ofSeconds(30));
        // 3 users x 4 attempts; u2 has no history the model knows and no user id, so a request would go to cold start
        assertEquals(8, w.scorings());
        assertEquals(8, r.seen.size());
        Set<String> histories = new HashSet<>();
        for (UserContext c : r.seen) {
            histories.add(java.util.Arrays.toString(c.history()) + " user " + c.user());
            assertEquals(c.history().length, c.times().length);
        }
        assertEquals(Set.of("[1, 2] user -1", "[0] user 0"), histories);
        UserContext u0 = ModelWarmUp.context(m, data(), catalog, 0);
        assertArrayEquals(new long[] {1, 2}, u0.times());
    }

    @Test
    void stopsAtTheScoringBudgetAndSkipsUsersAModelWithoutFoldInCannotScore() {
        Catalog catalog = new Catalog();
        Recording r = new Recording(false);
        ServedModel m = ServedModel.bind("rec", "v1", r, IdMap.of(List.of("a", "b", "c")), IdMap.of(List.of("u1")), catalog,
                Instant.now(), 0, Map.of(), Map.of());
        ModelWarmUp.Result w = ModelWarmUp.run(m, data(), catalog, 12, Duration.ofSeconds(30));
        assertEquals(4, w.scorings(), "only u1 (known by id) is scorable, 4 times within 12 attempts");
        for (UserContext c : r.seen) assertEquals(0, c.user());
        Recording r2 = new Recording(true);
        ServedModel m2 = ServedModel.bind("rec", "v1", r2, IdMap.of(List.of("a", "b", "c")), null, catalog,
                Instant.now(), 0, Map.of(), Map.of());
        // 5 attempts visit u0, u1, u2, u0, u1 (every user before a repeat); u2 is not scorable
        assertEquals(4, ModelWarmUp.run(m2, data(), catalog, 5, Duration.ofSeconds(30)).scorings());
    }
}
