package io.genrec.server.service;

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

    private static final IdMap USERS = IdMap.of(List.of("u0", "u1", "u2"));

    /** The stored histories (global ids of {@code catalog}): u0 a, b, z (z unknown to the model), u1 c, u2 z only. */
    private static UserHistories histories(Catalog catalog) {
        UserHistories h = new UserHistories();
        h.add("u0", catalog.ensure("a"), 1, 1);
        h.add("u0", catalog.ensure("b"), 2, 1);
        h.add("u0", catalog.ensure("z"), 3, 1);
        h.add("u1", catalog.ensure("c"), 1, 1);
        h.add("u2", catalog.ensure("z"), 1, 1);
        return h;
    }

    @Test
    void scoresStoredHistoriesMappedToTheModelsIdsWithinTheBudget() {
        Catalog catalog = new Catalog();
        Recording r = new Recording(true);
        // a loaded model whose item order differs from the catalogue's: model ids c=0, a=1, b=2; it knows user u1 only
        ServedModel m = ServedModel.bind("rec", "v1", r, IdMap.of(List.of("c", "a", "b")), IdMap.of(List.of("u1")), catalog,
                Instant.now(), 0, Map.of(), Map.of());
        ModelWarmUp.Result w = ModelWarmUp.run(m, USERS, histories(catalog), 100, Duration.ofSeconds(30));
        // 3 users x 4 attempts; u2 has no history the model knows and no user id, so a request would go to cold start
        assertEquals(8, w.scorings());
        assertEquals(8, r.seen.size());
        Set<String> histories = new HashSet<>();
        for (UserContext c : r.seen) {
            histories.add(java.util.Arrays.toString(c.history()) + " user " + c.user());
            assertEquals(c.history().length, c.times().length);
        }
        assertEquals(Set.of("[1, 2] user -1", "[0] user 0"), histories);
        for (UserContext c : r.seen) if (c.history().length == 2) assertArrayEquals(new long[] {1, 2}, c.times());
    }

    @Test
    void stopsAtTheScoringBudgetAndSkipsUsersAModelWithoutFoldInCannotScore() {
        Catalog catalog = new Catalog();
        Recording r = new Recording(false);
        ServedModel m = ServedModel.bind("rec", "v1", r, IdMap.of(List.of("a", "b", "c")), IdMap.of(List.of("u1")), catalog,
                Instant.now(), 0, Map.of(), Map.of());
        UserHistories stored = histories(catalog);
        ModelWarmUp.Result w = ModelWarmUp.run(m, USERS, stored, 12, Duration.ofSeconds(30));
        assertEquals(4, w.scorings(), "only u1 (known by id) is scorable, 4 times within 12 attempts");
        for (UserContext c : r.seen) assertEquals(0, c.user());
        Recording r2 = new Recording(true);
        ServedModel m2 = ServedModel.bind("rec", "v1", r2, IdMap.of(List.of("a", "b", "c")), null, catalog,
                Instant.now(), 0, Map.of(), Map.of());
        // 5 attempts visit u0, u1, u2, u0, u1 (every user before a repeat); u2 is not scorable
        assertEquals(4, ModelWarmUp.run(m2, USERS, stored, 5, Duration.ofSeconds(30)).scorings());
    }
}
