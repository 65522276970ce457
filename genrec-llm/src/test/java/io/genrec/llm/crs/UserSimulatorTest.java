package io.genrec.llm.crs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UserSimulatorTest {
    @Test
    void hintsFromTheTargetLeadAnAttributeAwareRecommenderThereButNotPopularity() {
        java.util.List<CrsMovie> many = new java.util.ArrayList<>(CrsFixtures.catalog().movies());
        for (int i = 0; i < 60; i++) many.add(CrsFixtures.movie("Filler " + i + " (2000)", List.of("drama"), List.of(), List.of()));
        CrsCatalog cat = new CrsCatalog(many);
        float[] pop = new float[cat.size()];
        for (int i = 0; i < pop.length; i++) pop[i] = pop.length - i; // fillers outrank nothing special; catalogue order
        pop[cat.indexOfName("Superbad (2007)")] = 0;                  // the target is the least popular
        Signals sig = new Signals(cat, pop, null, null);
        StateTracker tracker = new StateTracker(cat, null);
        UserSimulator sim = new UserSimulator(cat, tracker);
        int target = cat.indexOfName("Superbad (2007)");
        List<Utterance> opening = List.of(Utterance.user("hi, I need a movie"));
        assertEquals(2, sim.simulate(new FusionRecommender("hybrid", sig, new FusionRecommender.Weights(0.01f, 0, 0, 10, 0, 0)), opening, target));
        assertEquals(0, sim.simulate(new FusionRecommender("popularity", sig, FusionRecommender.Weights.POPULARITY), opening, target));
    }
}
